// The one way the page talks to the server: the public API under /api, with the bearer token when
// the server asks for one. On a 401 the page asks for the token once (concurrent requests share the
// same question), keeps it in sessionStorage for this tab, and retries.

const TOKEN_KEY = 'learnlytics.apiToken';

/** An API failure in the API's error shape: status, code, message and per-field details. */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    const err = body && body.error ? body.error : {};
    super(err.message || fallback || `The server answered ${status}`);
    this.status = status;
    this.code = err.code || (status === 0 ? 'network' : 'http_' + status);
    this.details = Array.isArray(err.details) ? err.details : [];
    this.retryAfter = null;
  }
}

let askToken = async () => null; // set by the page: (reason) => Promise<string|null>
let pendingQuestion = null;
let declined = false;
const tokenListeners = [];

export function onAskToken(fn) {
  askToken = fn;
}

export function onTokenChange(fn) {
  tokenListeners.push(fn);
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  declined = false;
  tokenListeners.forEach((fn) => fn(value));
}

/** Lets the next 401 ask for the token again after the learner cancelled the question. */
export function allowTokenQuestion() {
  declined = false;
}

async function tokenAfter401(usedToken) {
  const current = token();
  if (current && current !== usedToken) return current; // another request already got a new one
  if (declined) return null;
  if (!pendingQuestion) {
    const reason = usedToken ? 'That token was not accepted. Check it and try again.' : null;
    if (usedToken) setToken(null);
    pendingQuestion = Promise.resolve(askToken(reason)).finally(() => {
      pendingQuestion = null;
    });
  }
  const answer = await pendingQuestion;
  if (answer) {
    if (answer !== token()) setToken(answer);
    return answer;
  }
  declined = true;
  return null;
}

const LEARNER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The path of a data route for the learner the page shows: `/?learner=alice` reads and writes
 * `/api/learners/alice/...`; without it (or with an id that cannot be one) the default learner's
 * `/api/...` paths are used. Health, the contract and other non-data routes are never scoped.
 */
export function scoped(path, search = location.search) {
  const learner = new URLSearchParams(search).get('learner');
  if (!learner || !LEARNER_ID.test(learner)) return path;
  if (!/^\/api\/(analytics|events)(\/|\?|$)/.test(path)) return path;
  return `/api/learners/${encodeURIComponent(learner)}${path.slice('/api'.length)}`;
}

async function send(path, { method = 'GET', body, accept = 'application/json', cache = 'no-store' } = {}) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const used = token();
    const headers = { Accept: accept };
    if (used) headers.Authorization = `Bearer ${used}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(scoped(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache,
      });
    } catch {
      throw new ApiError(0, null, 'Cannot reach the Learnlytics server. Is it running?');
    }
    if (res.status === 401 && (await tokenAfter401(used))) continue;
    if (!res.ok) throw await failure(res);
    return res;
  }
  throw new ApiError(401, null, 'This server needs an API token.');
}

async function failure(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the generic message
  }
  const e = new ApiError(res.status, body);
  if (res.status === 401 && !body) e.message = 'This server needs an API token.';
  const retry = res.headers.get('Retry-After');
  if (retry) e.retryAfter = Number(retry);
  return e;
}

/** GET as JSON; {cache: 'no-cache'} lets the browser revalidate a cached answer instead of refetching it. */
export async function get(path, { cache } = {}) {
  return (await send(path, { cache })).json();
}

export async function post(path, body) {
  const res = await send(path, { method: 'POST', body });
  return res.status === 204 ? null : res.json();
}

export async function put(path, body) {
  return (await send(path, { method: 'PUT', body })).json();
}

export async function del(path) {
  await send(path, { method: 'DELETE' });
}

/** GET as a Blob plus the file name from Content-Disposition (for downloads that need the token). */
export async function download(path, fallbackName) {
  const res = await send(path, { accept: '*/*' });
  const blob = await res.blob();
  return { blob, name: fileName(res.headers.get('Content-Disposition')) || fallbackName };
}

function fileName(disposition) {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}

/** True when the server refuses the API without a (valid) token; never asks for one. */
export async function needsToken() {
  const t = token();
  try {
    const res = await fetch('/api/meta', {
      headers: t ? { Authorization: `Bearer ${t}` } : {},
      cache: 'no-store',
    });
    return res.status === 401;
  } catch {
    return false;
  }
}

/** /api/health never needs the token. */
export async function health() {
  return get('/api/health');
}

export const qs = (params) => new URLSearchParams(params).toString();
