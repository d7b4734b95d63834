/**
 * The service's JSON API as the dashboard uses it. Paths are relative, so the page also works behind a
 * reverse proxy that mounts the service under a prefix.
 */

const TOKEN_KEY = 'sparkify.apiToken';

/** An HTTP error answer; problem is the RFC 7807 body when the service sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `the service answered HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** The API token lives in sessionStorage: gone when the tab closes, never sent unless needed. */
export const apiToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value) => {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** GET path with the non-empty params as query string. */
export function getJson(path, params = {}, { signal } = {}) {
  return request('GET', withQuery(path, params), { signal });
}

/** A request that changes something. */
export function send(method, path) {
  return request(method, path);
}

export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function request(method, path, { signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  // Reads carry the token too once there is one: a server may set sparkify.api.protect-reads.
  const token = apiToken.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  // no-cache: revalidate every time, so ETags still save work but a poll never sees stale progress.
  const response = await fetch(path, { method, headers, signal, cache: 'no-cache' });
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : null);
  return body;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
