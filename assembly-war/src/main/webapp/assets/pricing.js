// The pricing page: the four tiers from GET /billing/plans; choosing a paid one creates a Checkout Session and sends
// the browser to the session's url (Stripe.js redirectToCheckout no longer exists).
import { api, bindTokenForm, money, showMessage, text } from './api.js';

const plansElement = document.getElementById('plans');
const message = document.getElementById('message');

bindTokenForm(document.getElementById('token-form'), { message });

async function choose(plan, button) {
  if (!api.token()) {
    showMessage(message, 'Paste your bearer token first (for a local server: ./token.sh user_42).', true);
    return;
  }
  button.disabled = true;
  // One key per click: a retry of this click can never create a second session.
  button.dataset.idempotencyKey = button.dataset.idempotencyKey || crypto.randomUUID();
  try {
    const session = await api.call('POST', '/billing/checkout/session', {
      price_id: plan.price_id,
      success_url: window.location.origin + '/success.html?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: window.location.origin + '/cancel.html',
    }, { 'Idempotency-Key': button.dataset.idempotencyKey });
    window.location.assign(session.url);
  } catch (error) {
    showMessage(message, error.message, true);
    button.disabled = false;
  }
}

function card(plan) {
  const element = document.createElement('article');
  element.className = 'card plan' + (plan.id === 'pro' ? ' highlight' : '');
  element.dataset.plan = plan.id;
  const quota = plan.executions_per_month === null ? 'Unlimited executions'
    : plan.executions_per_month.toLocaleString('en-US') + ' executions / month';
  element.innerHTML = `
    <h3>${text(plan.name)}</h3>
    <div class="price">${money(plan.amount, plan.currency)} <small>/ ${text(plan.interval)}</small></div>
    <div class="muted">${text(quota)}</div>
    <ul>${plan.features.map((feature) => `<li>${text(feature)}</li>`).join('')}</ul>`;
  const button = document.createElement('button');
  if (plan.id === 'free') {
    button.textContent = 'Included';
    button.className = 'secondary';
    button.disabled = true;
  } else if (!plan.price_id) {
    button.textContent = 'Not on sale';
    button.disabled = true;
  } else {
    button.textContent = 'Choose ' + plan.name;
    button.addEventListener('click', () => choose(plan, button));
  }
  element.appendChild(button);
  return element;
}

api.call('GET', '/billing/plans')
  .then((plans) => plans.forEach((plan) => plansElement.appendChild(card(plan))))
  .catch((error) => showMessage(message, 'The plans could not be loaded: ' + error.message, true));
