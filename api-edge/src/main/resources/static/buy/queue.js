// The waiting room: join, then follow the status live. EventSource cannot send the Authorization header, so the
// status stream (text/event-stream) is read with fetch and parsed here; if the stream fails, the status URL is
// polled at the pace the room asks for (pollAfterSeconds).

import { call, callWithRetry, token, wait, retryAfterSeconds } from './api.js';

const FINISHED = new Set(['ADMITTED', 'EXPIRED', 'SOLD_OUT']);

export function finished(status) {
  return FINISHED.has(status.state);
}

/** Joins (idempotent: joining again is the same place). Resolves to the join answer's status. */
export async function join(eventId, signal) {
  for (;;) {
    const answer = await callWithRetry('POST', `/api/events/${encodeURIComponent(eventId)}/queue`, { signal });
    if (answer.status === 202) {
      await wait(retryAfterSeconds(answer) * 1000, signal);
      continue;
    }
    return answer;
  }
}

export function statusUrl(eventId, ticket) {
  return `/api/events/${encodeURIComponent(eventId)}/queue/${encodeURIComponent(ticket)}`;
}

/**
 * Calls onStatus(status, channel) on every change until the ticket is finished, then resolves to the last status
 * read from the status URL (the stream leaves the admission token out; the status URL has it).
 */
export async function follow(eventId, ticket, onStatus, signal) {
  let last = null;
  try {
    last = await stream(eventId, ticket, status => onStatus(status, 'live'), signal);
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
  }
  if (last && finished(last)) {
    return read(eventId, ticket, signal);
  }
  return poll(eventId, ticket, onStatus, last?.pollAfterSeconds ?? 2, signal);
}

async function read(eventId, ticket, signal) {
  const answer = await callWithRetry('GET', statusUrl(eventId, ticket), { signal });
  if (!answer.ok) {
    throw problemError(answer);
  }
  return answer.body;
}

async function poll(eventId, ticket, onStatus, firstDelaySeconds, signal) {
  let delay = firstDelaySeconds;
  for (;;) {
    const status = await read(eventId, ticket, signal);
    onStatus(status, 'polling');
    if (finished(status)) {
      return status;
    }
    delay = status.pollAfterSeconds ?? delay;
    await wait(Math.max(1, delay) * 1000, signal);
  }
}

/** Reads the Server-Sent Events until the stream ends; resolves to the last status it carried. */
async function stream(eventId, ticket, onStatus, signal) {
  const response = await fetch(`${statusUrl(eventId, ticket)}/events`, {
    signal,
    cache: 'no-store',
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token()}` },
  });
  if (!response.ok || !response.body) {
    throw new Error(`status stream answered ${response.status}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return last;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message.event === 'status' && message.data) {
        last = JSON.parse(message.data);
        onStatus(last);
      }
    }
  }
}

/** One event block: "event:" names it, "data:" lines are its payload, lines starting with ":" are comments. */
export function parseEvent(block) {
  const message = { event: 'message', data: '' };
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      message.event = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  message.data = data.join('\n');
  return message;
}

function problemError(answer) {
  const error = new Error(answer.body?.detail ?? `HTTP ${answer.status}`);
  error.problem = answer.body;
  return error;
}
