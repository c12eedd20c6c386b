// The edge's HTTP API as the page uses it: the bearer token on every call, JSON in and out, and problems
// (application/problem+json) returned as answers, not thrown: a 409 or a 402 is part of buying.

const TOKEN_KEY = 'onsale.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The token's subject, for display only: the edge is what checks the token. */
export function buyerId() {
  try {
    const payload = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub;
  } catch {
    return null;
  }
}

/**
 * One call. Resolves to {status, body, headers} for every HTTP answer; rejects only when no answer came
 * (network failure), which callers retry when the call is idempotent.
 */
export async function call(method, path, { body, headers = {}, signal } = {}) {
  const response = await fetch(path, {
    method,
    signal,
    cache: 'no-store',
    headers: {
      Accept: 'application/json, application/problem+json',
      Authorization: `Bearer ${token()}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { title: `HTTP ${response.status}`, detail: text };
    }
  }
  return { status: response.status, ok: response.ok, body: parsed, headers: response.headers };
}

/** Retries a call that got no answer at all, with the same arguments (same Idempotency-Key): never a second order. */
export async function callWithRetry(method, path, options, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(method, path, options);
    } catch (error) {
      if (attempt >= attempts || error.name === 'AbortError') {
        throw error;
      }
      await wait(500 * attempt);
    }
  }
}

/**
 * A read: retried when no answer came, and after Retry-After while the edge answers 503 (the state it reads is
 * moving between instances, which takes a moment).
 */
export async function get(path, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    const answer = await callWithRetry('GET', path);
    if (answer.status !== 503 || attempt >= attempts) {
      return answer;
    }
    await wait(retryAfterSeconds(answer) * 1000);
  }
}

/** Seconds from a Retry-After header, or the fallback. */
export function retryAfterSeconds(answer, fallback = 1) {
  const value = Number(answer.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function wait(millis, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, millis);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    }, { once: true });
  });
}

export function newIdempotencyKey() {
  return crypto.randomUUID();
}
