// The operator console: everything goes through the admin API with an operator's token (group billing-admin).
import { api, bindTokenForm, date, showMessage, text, usageBar } from './api.js';

api.tokenKey = 'billing.ops.token';
const message = document.getElementById('message');
const results = document.getElementById('results');
const customerPanel = document.getElementById('customer');
const deadEvents = document.querySelector('#dead-events tbody');

function fail(error) {
  showMessage(message, error.message, true);
}

bindTokenForm(document.getElementById('token-form'), {
  message, saved: 'Signed in for this tab.', onSaved: () => { refreshBacklogs(); refreshReconciliation(); },
});

document.getElementById('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const query = document.getElementById('query').value;
    const page = await api.call('GET', '/admin/customers?size=20&query=' + encodeURIComponent(query));
    const body = results.querySelector('tbody');
    body.innerHTML = '';
    page.items.forEach((customer) => {
      const row = document.createElement('tr');
      row.className = 'clickable';
      row.dataset.customer = customer.customer_id;
      row.innerHTML = `<td>${text(customer.customer_id)}</td><td>${text(customer.email)}</td>
        <td><span class="badge ${text(customer.status)}">${text(customer.status)}</span></td>`;
      row.addEventListener('click', () => showCustomer(customer.customer_id));
      body.appendChild(row);
    });
    results.hidden = false;
    showMessage(message, page.total + ' customer(s) found', false);
  } catch (error) {
    fail(error);
  }
});

async function showCustomer(id) {
  try {
    const detail = await api.call('GET', '/admin/customers/' + encodeURIComponent(id));
    const c = detail.customer;
    const s = detail.subscription;
    customerPanel.innerHTML = `
      <h2>${text(c.customer_id)} <span class="badge ${text(c.status)}" data-field="status">${text(c.status)}</span></h2>
      <dl class="facts">
        <dt>E-mail</dt><dd>${text(c.email)}</dd>
        <dt>Stripe customer</dt><dd>${text(c.stripe_customer_id || '—')}</dd>
        <dt>Plan</dt><dd data-field="plan">${text(s.plan_name)} · ${text(s.status)}${s.cancel_at_period_end ? ' · ends at period end' : ''}</dd>
        <dt>Subscription</dt><dd>${text(s.id || 'none (Free)')}</dd>
        ${c.suspension ? `<dt>Suspended</dt><dd>${text(c.suspension.reason)} since ${date(c.suspension.since)}
          ${text(c.suspension.note || c.suspension.failed_invoice || '')}</dd>` : ''}
      </dl>
      <h2>Usage this period</h2>
      ${usageBar(detail.usage)}
      <div class="actions">
        ${c.status === 'suspended' ? '<button id="reinstate">Reinstate</button>'
          : '<button class="danger" id="suspend">Suspend…</button>'}
      </div>
      <h2 style="margin-top:1rem">Recent Stripe events</h2>
      <table><thead><tr><th>Event</th><th>Type</th><th>Status</th><th>Received</th></tr></thead><tbody>
      ${detail.recent_webhook_events.map((e) => `<tr><td>${text(e.event_id)}</td><td>${text(e.type)}</td>
        <td><span class="badge ${text(e.status)}">${text(e.status)}</span></td><td>${date(e.received_at)}</td></tr>`).join('')}
      </tbody></table>`;
    const suspend = document.getElementById('suspend');
    if (suspend) {
      suspend.addEventListener('click', async () => {
        const reason = window.prompt('Why suspend ' + id + '?');
        if (!reason) return;
        await api.call('POST', '/admin/customers/' + encodeURIComponent(id) + '/suspend', { reason }).catch(fail);
        showCustomer(id);
      });
    }
    const reinstate = document.getElementById('reinstate');
    if (reinstate) {
      reinstate.addEventListener('click', async () => {
        await api.call('POST', '/admin/customers/' + encodeURIComponent(id) + '/reinstate').catch(fail);
        showCustomer(id);
      });
    }
  } catch (error) {
    fail(error);
  }
}

async function refreshBacklogs() {
  if (!api.token()) return;
  try {
    const [received, retrying, dead, unreported] = await Promise.all([
      api.call('GET', '/admin/webhook-events?status=received&size=1'),
      api.call('GET', '/admin/webhook-events?status=retrying&size=1'),
      api.call('GET', '/admin/webhook-events?status=dead&size=50'),
      api.call('GET', '/admin/usage/unreported?size=1'),
    ]);
    document.getElementById('webhooks-waiting').textContent = received.total + retrying.total;
    document.getElementById('webhooks-dead').textContent = dead.total;
    document.getElementById('usage-unreported').textContent = unreported.total;
    deadEvents.innerHTML = '';
    dead.items.forEach((event) => {
      const row = document.createElement('tr');
      row.dataset.event = event.event_id;
      row.innerHTML = `<td>${text(event.event_id)}</td><td>${text(event.type)}</td><td>${event.attempts}</td>
        <td class="muted">${text(event.outcome)}</td><td></td>`;
      const replay = document.createElement('button');
      replay.textContent = 'Replay';
      replay.className = 'replay';
      replay.addEventListener('click', async () => {
        replay.disabled = true;
        try {
          await api.call('POST', '/admin/webhook-events/' + encodeURIComponent(event.event_id) + '/replay');
          showMessage(message, 'Replaying ' + event.event_id, false);
          setTimeout(refreshBacklogs, 1000);
        } catch (error) {
          fail(error);
          replay.disabled = false;
        }
      });
      row.lastElementChild.appendChild(replay);
      deadEvents.appendChild(row);
    });
  } catch (error) {
    fail(error);
  }
}

const reconciledHours = document.querySelector('#reconciled-hours tbody');

// The compared hours, differences first, as GET /admin/usage/reconciliation lists them.
function showReconciliation(page, drift) {
  document.getElementById('drift').textContent = drift;
  reconciledHours.innerHTML = '';
  page.items.forEach((hour) => {
    const row = document.createElement('tr');
    row.dataset.customer = hour.customer_id;
    row.dataset.status = hour.status;
    row.innerHTML = `<td>${text(hour.customer_id)}</td><td>${new Date(hour.window_start * 1000).toISOString().slice(0, 13)}:00</td>
      <td>${hour.ours}</td><td>${hour.stripe}</td><td>${hour.difference > 0 ? '+' : ''}${hour.difference}</td>
      <td><span class="badge">${text(hour.status)}</span></td>`;
    reconciledHours.appendChild(row);
  });
}

async function refreshReconciliation() {
  if (!api.token()) return;
  try {
    const page = await api.call('GET', '/admin/usage/reconciliation?size=50');
    showReconciliation(page, page.items.filter((hour) => hour.status !== 'matched' && hour.status !== 'corrected')
      .reduce((sum, hour) => sum + Math.abs(hour.difference), 0));
  } catch (error) {
    fail(error);
  }
}

document.getElementById('reconcile-now').addEventListener('click', async () => {
  try {
    const run = await api.call('POST', '/admin/usage/reconciliation/run');
    showMessage(message, `Compared ${run.compared} hour(s); ${run.failed} could not be compared now; drift ${run.drift} execution(s).`, false);
    refreshReconciliation();
  } catch (error) {
    fail(error);
  }
});

document.getElementById('report-now').addEventListener('click', async () => {
  try {
    const run = await api.call('POST', '/admin/usage/report');
    showMessage(message, `Reported ${run.sent} usage report(s); ${run.failed} failed; ${run.backlog.executions} execution(s) still waiting.`, false);
    refreshBacklogs();
  } catch (error) {
    fail(error);
  }
});

refreshBacklogs();
refreshReconciliation();
