// The dashboard's only way to the coordinator: /api/v1 with the user's bearer token, as any HTTP client.

const TOKEN_KEY = 'coordinator.token';
export const PREFIX = '/api/v1';

/** The signed-in caller: the token (sessionStorage, gone with the tab) and what /whoami said of it. */
export const session = {
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
  whoami: null,
  has(role) { return !!this.whoami?.roles?.includes(role); },
};

export function setToken(token) {
  session.token = token;
  session.whoami = null;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** An answer that is not 2xx: the status and the API's RFC 9457 problem document. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? { status, title: `HTTP ${status}` };
  }
}

export function headers(extra) {
  const all = { Accept: 'application/json', ...extra };
  if (session.token) all.Authorization = `Bearer ${session.token}`;
  return all;
}

/** Encodes route values: api(p`/services/${name}/regions`). */
export function p(strings, ...values) {
  return strings.reduce((out, text, i) => out + text + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

/** Calls the API; resolves to the parsed JSON body, or rejects with a ProblemError (or a network TypeError). */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const response = await fetch(PREFIX + path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
  });
  const text = await response.text();
  const json = parse(text);
  if (!response.ok) throw new ProblemError(response.status, json ?? { status: response.status, title: response.statusText, detail: text });
  return json;
}

function parse(text) {
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}
