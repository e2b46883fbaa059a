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
