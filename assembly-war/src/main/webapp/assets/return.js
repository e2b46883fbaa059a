// The pages Stripe Checkout returns to. success.html confirms the subscription at once through
// GET /billing/checkout/session/{id}, which syncs from Stripe (no waiting for the webhook); cancel.html shows the
// subscription as it is.
import { api, date, money, text } from './api.js';

const result = document.getElementById('result');
const sessionId = new URLSearchParams(window.location.search).get('session_id');

function show(title, subscription) {
  result.innerHTML = `
    <h2>${text(title)}</h2>
    <dl class="facts">
      <dt>Plan</dt><dd data-field="plan">${text(subscription.plan_name)} · ${money(subscription.plan_amount, 'usd')} / month</dd>
      <dt>Status</dt><dd><span class="badge ${text(subscription.status)}" data-field="status">${text(subscription.status)}</span></dd>
      <dt>Current period</dt><dd>${date(subscription.current_period_start)} – ${date(subscription.current_period_end)}</dd>
      ${subscription.cancel_at_period_end ? '<dt>Ends</dt><dd>at the end of the period</dd>' : ''}
    </dl>
    <a href="/">Back to the plans</a>`;
}

async function confirm(attempt) {
  try {
    const subscription = await api.call('GET', '/billing/checkout/session/' + encodeURIComponent(sessionId));
    if (subscription.id === null && attempt < 5) {
      setTimeout(() => confirm(attempt + 1), 1500);
      return;
    }
    show(subscription.id === null ? 'Your payment is still being confirmed' : 'Welcome to ' + subscription.plan_name + '!',
      subscription);
  } catch (error) {
    result.innerHTML = `<h2>We could not confirm your subscription</h2><p class="message error">${text(error.message)}</p>`;
  }
}

if (sessionId) {
  confirm(0);
} else {
  api.call('GET', '/billing/subscription')
    .then((subscription) => show('Checkout cancelled: nothing was charged', subscription))
    .catch(() => {});
}
