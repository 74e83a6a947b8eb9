// The one way pages talk to /api/v1: JSON in and out, the session cookie
// travelling by itself (same origin) and the CSRF token the sign-in returned
// on every request that changes something, as the API requires.
import { app } from './state.svelte.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || { status };
  }
}

export const enc = encodeURIComponent;

export async function api(path, { method = 'GET', json, body, headers = {} } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (method !== 'GET' && method !== 'HEAD' && app.session?.csrf_token) sent['X-CSRF-Token'] = app.session.csrf_token;
  let payload = body;
  if (json !== undefined) {
    sent['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers: sent, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { status: 0 });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    // A session that ended: the sign-in page takes over (App.svelte watches app.session).
    if (response.status === 401 && app.session && path !== '/session') app.session = null;
    throw new ApiError(response.status, data && typeof data === 'object' ? data : { status: response.status, detail: data || '' });
  }
  return data;
}

// Splits a problem document's errors by the form field they concern. `where`
// reads "body: awareness_time", "body: impact: users_eu_total", "description"
// or "body: facts.severity": the last named part before any '.' or '[' picks
// the field. What names no field of the form is `general`.
export function fieldErrors(error, fields) {
  const byField = {};
  const general = [];
  if (!(error instanceof ApiError)) return { byField, general: error ? [String(error.message || error)] : [] };
  const list = error.problem?.errors;
  if (Array.isArray(list) && list.length) {
    for (const e of list) {
      const where = String(e.where || '');
      const last = where.split(': ').pop().split(/[.[]/)[0].trim();
      if (fields.includes(last)) (byField[last] ||= []).push(e.message);
      else general.push(where ? `${where}: ${e.message}` : e.message);
    }
  } else {
    general.push(error.problem?.detail || '');
  }
  return { byField, general };
}
