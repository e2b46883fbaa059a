// A small client for the billing API: bearer token from session storage, problem+json errors as exceptions.
export const api = {
  tokenKey: 'billing.token',

  token() {
    return sessionStorage.getItem(this.tokenKey) || '';
  },

  useToken(value) {
    sessionStorage.setItem(this.tokenKey, value.trim());
  },

  async call(method, path, body, headers = {}) {
    const response = await fetch('/api/v1' + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.token() ? { Authorization: 'Bearer ' + this.token() } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = json && (json.detail || json.title);
      const error = new Error(detail || response.status + ' ' + response.statusText + (response.status === 401
        ? ': the token is missing, expired or not valid here' : ''));
      error.status = response.status;
      error.problem = json;
      throw error;
    }
    return json;
  },
};

export function money(amount, currency) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: (currency || 'usd').toUpperCase() })
    .format(Number(amount));
}

export function date(unixSeconds) {
  return unixSeconds ? new Date(unixSeconds * 1000).toLocaleString() : '';
}

// A calendar day, for what happens on a date ("Cancels on August 3, 2026").
export function day(unixSeconds) {
  return unixSeconds
    ? new Date(unixSeconds * 1000).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' })
    : '';
}

// Escapes a value for HTML text and for quoted attribute values alike.
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function text(value) {
  return (value === null || value === undefined ? '' : String(value)).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function showMessage(element, message, isError) {
  element.hidden = !message;
  element.className = 'message' + (isError ? ' error' : '');
  element.textContent = message || '';
}

// The header's token form, as every page has it: the pasted token goes to session storage (this tab only), the field
// is emptied, then the page is told.
export function bindTokenForm(form, { message, saved = 'Token saved for this tab.', onSaved } = {}) {
  const input = form.querySelector('input');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api.useToken(input.value);
    input.value = '';
    if (message) showMessage(message, saved, false);
    if (onSaved) onSaved();
  });
}

// Usage against the quota as a bar ({plan, used, limit, period_start, period_end} from the usage endpoints); an
// unlimited plan has no bar, only the count.
export function usageBar(usage, id = '') {
  if (usage.limit === null) {
    return `<div class="muted" data-field="usage">${usage.used.toLocaleString('en-US')} executions · unlimited</div>`;
  }
  const percent = Math.min(100, Math.round((100 * usage.used) / usage.limit));
  return `<div data-field="usage">${usage.used.toLocaleString('en-US')} / ${usage.limit.toLocaleString('en-US')} executions
      (${percent}%)</div>
    <div class="usage-bar${percent >= 100 ? ' full' : ''}"${id ? ` id="${text(id)}"` : ''} data-percent="${percent}"
      role="progressbar" aria-label="Executions used this period" aria-valuemin="0" aria-valuemax="100"
      aria-valuenow="${percent}"><div style="width:${percent}%"></div></div>
    <div class="muted" data-field="period">Period ${date(usage.period_start)} – ${date(usage.period_end)}</div>`;
}
