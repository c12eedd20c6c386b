// Orders: place (seats or best available), wait for a pending decision, pay, cancel. Every outcome is returned as
// one of {held, refused, failed} so the page has a single place that decides what to show.

import { call, callWithRetry, newIdempotencyKey, retryAfterSeconds, wait } from './api.js';

const UNDECIDED = new Set(['PLACING']);
const PENDING_PATIENCE_MS = 120_000;

/**
 * request is {seats: [...]} or {sectionId, quantity}. One Idempotency-Key per attempt of the buyer, the same one
 * on every network retry of that attempt, so a lost answer never makes a second hold.
 */
export async function place(eventId, request, admissionToken) {
  const headers = { 'Idempotency-Key': newIdempotencyKey() };
  if (admissionToken) {
    headers['Admission-Token'] = admissionToken;
  }
  const answer = await callWithRetry('POST', `/api/events/${encodeURIComponent(eventId)}/orders`,
    { body: request, headers });
  if (answer.status === 201) {
    return { kind: 'held', order: answer.body };
  }
  if (answer.status === 202) {
    return awaitDecision(answer.body.orderId, answer.body.statusUrl, retryAfterSeconds(answer));
  }
  return refusedOrFailed(answer);
}

/** 202: the order is read at its status URL until the engine has decided it. */
async function awaitDecision(orderId, statusUrl, delaySeconds) {
  const giveUpAt = Date.now() + PENDING_PATIENCE_MS;
  for (;;) {
    await wait(delaySeconds * 1000);
    const answer = await callWithRetry('GET', statusUrl ?? `/api/orders/${encodeURIComponent(orderId)}`);
    if (answer.ok && !UNDECIDED.has(answer.body.status)) {
      const order = answer.body;
      return order.status === 'REJECTED'
        ? { kind: 'refused', problem: { title: 'Not available', reason: order.reason, alternatives: order.alternatives } }
        : { kind: 'held', order };
    }
    // 404 until the order's first state is committed, 503 while its state moves between instances: ask again.
    if (!answer.ok && answer.status !== 404 && answer.status !== 503) {
      return refusedOrFailed(answer);
    }
    if (Date.now() > giveUpAt) {
      return { kind: 'failed', problem: { title: 'Still pending', detail: `Order ${orderId} is not decided yet; look at it again later.` } };
    }
    delaySeconds = answer.ok ? delaySeconds : retryAfterSeconds(answer, delaySeconds);
  }
}

function refusedOrFailed(answer) {
  const problem = answer.body ?? { title: `HTTP ${answer.status}` };
  return answer.status === 409 && problem.reason
    ? { kind: 'refused', problem }
    : { kind: 'failed', status: answer.status, problem };
}

/** 200 CONFIRMED, 402 declined (the hold stays: pay again), 409 hold expired or payment in progress, 503 busy. */
export async function pay(orderId, paymentMethod) {
  return callWithRetry('POST', `/api/orders/${encodeURIComponent(orderId)}/payment`,
    { body: { paymentMethod }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export async function cancel(orderId) {
  return callWithRetry('DELETE', `/api/orders/${encodeURIComponent(orderId)}`);
}

export async function read(orderId) {
  return call('GET', `/api/orders/${encodeURIComponent(orderId)}`);
}
