// The customer's billing page: plan and status, usage against the quota, what is scheduled (a plan change, the end
// of the trial, a cancellation), invoices, the card on file, and the actions: change plan (previewed first), cancel at
// period end or resume, the Stripe customer portal. Everything goes through the customer API with the pasted token.
import { api, bindTokenForm, date, day, money, showMessage, text, usageBar } from './api.js';

const message = document.getElementById('message');
const alertRegion = document.getElementById('alert');
const account = document.getElementById('account');
const signedOut = document.getElementById('signed-out');
const dialog = document.getElementById('change-dialog');
const confirmButton = document.getElementById('change-confirm');

// What the page was last drawn from: {subscription, usage, plans}.
let state = null;
// The preview the dialog shows, whose price Confirm changes to.
let previewed = null;

function fail(error) {
  showMessage(alertRegion, error.message, true);
}

function clearMessages() {
  showMessage(alertRegion, '', true);
  showMessage(message, '', false);
}

function field(name) {
  return document.querySelector(`#account [data-field='${name}']`);
}

// The plan the subscription bills: plan_name is the tier's name.
function currentPlan() {
  return state.plans.find((plan) => plan.name === state.subscription.plan_name)
    || state.plans.find((plan) => plan.id === state.usage.plan);
}

function planName(code) {
  const plan = state.plans.find((candidate) => candidate.id === code);
  return plan ? plan.name : code;
}

function currency() {
  const plan = currentPlan();
  return plan ? plan.currency : 'usd';
}

// pending_change is newer than the rest of the shape: a server without it answers no field, which means none.
function pendingChange() {
  return state.subscription.pending_change || null;
}

// Every POST carries a fresh Idempotency-Key: one per action the customer confirmed, so a retry of the request can
// never act twice, and a new click is a new action.
function post(path, body) {
  return api.call('POST', path, body, { 'Idempotency-Key': crypto.randomUUID() });
}

function button(label, { id, className, onClick, ariaLabel }) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (id) element.id = id;
  if (className) element.className = className;
  if (ariaLabel) element.setAttribute('aria-label', ariaLabel);
  element.addEventListener('click', async () => {
    clearMessages();
    element.disabled = true;
    try {
      await onClick();
    } catch (error) {
      fail(error);
    } finally {
      element.disabled = false;
    }
  });
  return element;
}

function renderSubscription() {
  const { subscription } = state;
  const plan = currentPlan();
  field('plan').textContent = `${subscription.plan_name} · ${money(subscription.plan_amount, currency())} / `
    + (plan ? plan.interval : 'month');
  const status = field('status');
  status.textContent = subscription.status;
  status.className = 'badge ' + subscription.status;
  field('current-period').textContent = `${date(subscription.current_period_start)} – ${date(subscription.current_period_end)}`;

  const scheduled = [];
  const pending = pendingChange();
  if (pending) {
    scheduled.push(`<p data-field="pending-change">Changes to ${text(planName(pending.plan))} on ${day(pending.effective_at)}</p>`);
  }
  if (subscription.status === 'trialing' && subscription.trial_end) {
    scheduled.push(`<p data-field="trial-end">Trial ends ${day(subscription.trial_end)}</p>`);
  }
  if (subscription.cancel_at_period_end) {
    scheduled.push(`<p data-field="cancels">Cancels on ${day(subscription.current_period_end)}</p>`);
  }
  document.getElementById('scheduled').innerHTML = scheduled.join('');

  const actions = document.getElementById('subscription-actions');
  actions.innerHTML = '';
  if (subscription.id === null) {
    const buy = document.createElement('a');
    buy.id = 'buy-plan';
    buy.href = '/';
    buy.textContent = 'You are on Free: choose a paid plan';
    actions.appendChild(buy);
    return;
  }
  if (subscription.cancel_at_period_end) {
    actions.appendChild(button('Resume subscription', { id: 'resume', onClick: resume }));
  } else {
    actions.appendChild(button('Cancel at period end', { id: 'cancel', className: 'danger', onClick: cancel }));
  }
  actions.appendChild(button('Manage billing in Stripe', { id: 'portal', className: 'secondary', onClick: openPortal }));
}

function renderUsage() {
  document.getElementById('usage-body').innerHTML = usageBar(state.usage, 'usage-bar')
    + `<div data-field="period-end">Resets ${day(state.usage.period_end)}</div>`;
}

function quota(plan) {
  return plan.executions_per_month === null ? 'unlimited executions'
    : plan.executions_per_month.toLocaleString('en-US') + ' executions / month';
}

function renderPlans() {
  const section = document.getElementById('change-plan');
  const rows = document.getElementById('plan-rows');
  rows.innerHTML = '';
  section.hidden = state.subscription.id === null;
  if (section.hidden) return;
  const current = currentPlan();
  const pending = pendingChange();
  state.plans.filter((plan) => Number(plan.amount) > 0).forEach((plan) => {
    const row = document.createElement('li');
    row.className = 'plan-row';
    row.dataset.plan = plan.id;
    row.innerHTML = `<span><strong>${text(plan.name)}</strong> · ${money(plan.amount, plan.currency)} / ${text(plan.interval)}
      · <span class="muted">${text(quota(plan))}</span></span>`;
    if (current && plan.id === current.id) {
      if (pending && pending.plan !== plan.id && plan.price_id) {
        // Changing to the plan it is on releases the scheduled downgrade: nothing is charged, so no preview.
        row.appendChild(button('Keep ' + plan.name, { className: 'keep', onClick: () => keep(plan) }));
      } else {
        row.insertAdjacentHTML('beforeend', '<span class="badge active">Current plan</span>');
      }
    } else if (pending && pending.plan === plan.id) {
      row.insertAdjacentHTML('beforeend', `<span class="badge">From ${day(pending.effective_at)}</span>`);
    } else if (!plan.price_id) {
      row.insertAdjacentHTML('beforeend', '<span class="muted">Not on sale</span>');
    } else {
      row.appendChild(button('Change', {
        className: 'change', ariaLabel: 'Change to ' + plan.name, onClick: () => preview(plan),
      }));
    }
    rows.appendChild(row);
  });
}

function renderPaymentMethod(methods) {
  const element = field('card');
  element.classList.toggle('muted', methods.length === 0);
  if (methods.length === 0) {
    element.textContent = 'No payment method on file.';
    return;
  }
  const method = methods[0];
  if (method.type !== 'card') {
    element.textContent = method.type;
    return;
  }
  const brand = method.card_brand ? method.card_brand.charAt(0).toUpperCase() + method.card_brand.slice(1) : 'Card';
  element.textContent = `${brand} ending in ${method.card_last4} · expires `
    + `${String(method.card_exp_month).padStart(2, '0')}/${method.card_exp_year}`;
}

// Only Stripe's https links become links.
function pdfLink(invoice) {
  return invoice.invoice_pdf && /^https:\/\//.test(invoice.invoice_pdf)
    ? `<a class="invoice-pdf" href="${text(invoice.invoice_pdf)}" target="_blank" rel="noopener noreferrer"
        aria-label="PDF of the invoice of ${day(invoice.created)}">PDF</a>`
    : '';
}

function renderInvoices(invoices) {
  const body = document.querySelector('#invoices tbody');
  body.innerHTML = invoices.map((invoice) => `<tr data-invoice="${text(invoice.id)}">
      <td>${day(invoice.created)}</td>
      <td data-field="invoice-total">${money(invoice.total ?? invoice.amount_due, currency())}</td>
      <td>${money(invoice.amount_paid, currency())}</td>
      <td><span class="badge ${text(invoice.status)}">${text(invoice.status)}</span></td>
      <td>${pdfLink(invoice)}</td></tr>`).join('');
  const none = document.getElementById('no-invoices');
  none.textContent = 'No invoices yet.';
  none.hidden = invoices.length > 0;
}

async function load() {
  if (!api.token()) {
    signedOut.hidden = false;
    account.hidden = true;
    return;
  }
  try {
    const [subscription, usage, plans] = await Promise.all([
      api.call('GET', '/billing/subscription'),
      api.call('GET', '/billing/usage'),
      api.call('GET', '/billing/plans'),
    ]);
    state = { subscription, usage, plans };
  } catch (error) {
    fail(error);
    return;
  }
  renderSubscription();
  renderUsage();
  renderPlans();
  signedOut.hidden = true;
  account.hidden = false;
  // Both ask Stripe; one failing leaves the rest of the page as it is.
  const [methods, invoices] = await Promise.allSettled([
    api.call('GET', '/billing/payment-methods'),
    api.call('GET', '/billing/invoices?limit=10'),
  ]);
  if (methods.status === 'fulfilled') {
    renderPaymentMethod(methods.value);
  } else {
    field('card').textContent = 'Your payment method could not be loaded.';
    fail(methods.reason);
  }
  if (invoices.status === 'fulfilled') {
    renderInvoices(invoices.value);
  } else {
    renderInvoices([]);
    document.getElementById('no-invoices').textContent = 'Your invoices could not be loaded.';
    fail(invoices.reason);
  }
}

async function cancel() {
  const answer = await post('/billing/subscription/cancel');
  showMessage(message, `Your subscription ends on ${day(answer.cancel_at)}.`, false);
  await load();
}

async function resume() {
  await post('/billing/subscription/resume');
  showMessage(message, 'Your subscription continues.', false);
  await load();
}

async function openPortal() {
  const portal = await api.call('GET', '/billing/portal?return_url='
    + encodeURIComponent(window.location.origin + '/account/'));
  window.location.assign(portal.url);
}

async function changeTo(priceId, answered = () => {}) {
  const subscription = await post('/billing/subscription/change', { price_id: priceId });
  answered();
  const pending = subscription.pending_change || null;
  showMessage(message, pending
    ? `Your plan changes to ${planName(pending.plan)} on ${day(pending.effective_at)}.`
    : `You are on ${subscription.plan_name}.`, false);
  await load();
}

function keep(plan) {
  return changeTo(plan.price_id);
}

async function preview(plan) {
  const answer = await api.call('GET', '/billing/subscription/change-preview?price_id=' + encodeURIComponent(plan.price_id));
  previewed = answer;
  dialog.querySelector("[data-field='preview-plan']").textContent = planName(answer.plan);
  dialog.querySelector("[data-field='amount-due-now']").textContent = money(answer.amount_due_now, answer.currency);
  dialog.querySelector("[data-field='effective']").textContent = answer.effective === 'now'
    ? 'Now'
    : `At the end of the current period (${day(answer.next_invoice_at)})`;
  dialog.querySelector("[data-field='next-invoice']").textContent =
    `${money(answer.next_invoice_amount, answer.currency)} on ${day(answer.next_invoice_at)}`;
  confirmButton.disabled = false;
  dialog.showModal();
}

confirmButton.addEventListener('click', async () => {
  if (!previewed) return;
  confirmButton.disabled = true;
  try {
    await changeTo(previewed.price_id, () => dialog.close());
  } catch (error) {
    // The dialog closes so that the page's alert, and what it says, is in reach.
    dialog.close();
    fail(error);
  }
});

dialog.addEventListener('close', () => {
  previewed = null;
});

bindTokenForm(document.getElementById('token-form'), {
  message,
  onSaved: () => {
    showMessage(alertRegion, '', true);
    load();
  },
});

load();
