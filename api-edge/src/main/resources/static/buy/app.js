// The buyer's page: token → event → waiting room (when active) → seats or best available → hold → pay.
// Each step is one view; this module decides which view shows what, the others talk to the API.

import * as api from './api.js';
import * as queue from './queue.js';
import * as seats from './seats.js';
import * as orders from './orders.js';

const VIEWS = ['token-view', 'event-view', 'queue-view', 'shop-view', 'order-view', 'confirmed-view', 'cancelled-view'];
const EVENT_REFRESH_MS = 5_000;

const state = {
  eventId: new URLSearchParams(location.search).get('event'),
  event: null,
  admission: null, // {token, windowEndsAt} while the waiting room is active
  sectionId: null,
  selected: new Set(),
  order: null,
  eventRefresh: null,
};

const $ = id => document.getElementById(id);

// ---- views and what they share -----------------------------------------------------------------------------

function show(view) {
  for (const id of VIEWS) {
    $(id).hidden = id !== view;
  }
  if (view !== 'event-view') {
    clearInterval(state.eventRefresh);
  }
}

function showProblem(problem) {
  $('problem-title').textContent = problem?.title ?? 'Something went wrong';
  $('problem-detail').textContent = problem?.detail ?? '';
  $('problem').hidden = false;
}

function clearProblem() {
  $('problem').hidden = true;
}

function money(amountMinor, currency) {
  const code = currency ?? state.event?.currency ?? 'EUR';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: code }).format(amountMinor / 100);
}

const countdowns = new Map();

/** Counts down to instant in element, every second; onEnd once it is reached. */
function countdown(element, instant, onEnd) {
  clearInterval(countdowns.get(element.id));
  const end = Date.parse(instant);
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    element.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    if (left === 0) {
      clearInterval(countdowns.get(element.id));
      onEnd?.();
    }
  };
  tick();
  countdowns.set(element.id, setInterval(tick, 1000));
}

function stopCountdown(element) {
  clearInterval(countdowns.get(element.id));
}

function itemList(list, items) {
  list.replaceChildren(...items.map(item => {
    const line = document.createElement('li');
    const what = item.seatId ? `seat ${item.seatId}` : `${item.quantity} × ${item.zoneId}`;
    line.textContent = `${item.sectionId}: ${what} — ${money(item.priceMinor * item.quantity, state.order?.total?.currency)}`;
    return line;
  }));
}

// ---- token and event -----------------------------------------------------------------------------------------

function start() {
  // The token arrives in the fragment (never sent to the server, so never in its logs) and leaves the address bar.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    api.setToken(fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (!api.token() || !state.eventId) {
    askForToken();
    return;
  }
  $('who').textContent = `Buying as ${api.buyerId() ?? 'unknown buyer'}`;
  $('forget-token').hidden = false;
  loadEvent();
}

function askForToken() {
  $('event-input').value = state.eventId ?? '';
  $('who').textContent = '';
  $('forget-token').hidden = true;
  show('token-view');
}

async function loadEvent() {
  const answer = await api.get(`/api/events/${encodeURIComponent(state.eventId)}`);
  if (answer.status === 401) {
    api.forgetToken();
    showProblem(answer.body);
    askForToken();
    return;
  }
  if (!answer.ok) {
    showProblem(answer.body);
    return;
  }
  state.event = answer.body;
  renderEvent();
}

function renderEvent() {
  const event = state.event;
  $('event-name').textContent = event.name;
  $('event-facts').textContent = `${event.venue} · on sale from ${new Date(event.saleOpensAt).toLocaleString()}`
    + ` · at most ${event.perBuyerLimit} tickets per buyer`;
  $('event-sections').replaceChildren(...event.sections.map(section => {
    const row = document.createElement('tr');
    row.dataset.section = section.sectionId;
    const available = section.availability
      ? `${section.availability.available} of ${section.availability.capacity}` : 'counting…';
    for (const text of [section.name, money(section.priceMinor, event.currency), available]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
  const room = event.queue;
  $('queue-summary').textContent = !room ? ''
    : room.active ? `Waiting room active: ${room.waiting} waiting${room.paused ? ', paused' : ''}.`
      : 'No queue right now: you go straight to the seats.';
  if (!$('shop-view').hidden || !$('queue-view').hidden || !$('order-view').hidden) {
    return;
  }
  show('event-view');
  clearInterval(state.eventRefresh);
  state.eventRefresh = setInterval(refreshEvent, EVENT_REFRESH_MS);
}

async function refreshEvent() {
  try {
    const answer = await api.call('GET', `/api/events/${encodeURIComponent(state.eventId)}`);
    if (answer.ok && !$('event-view').hidden) {
      state.event = answer.body;
      renderEvent();
    }
  } catch {
    // The next refresh will tell; the page keeps what it showed.
  }
}

// ---- waiting room --------------------------------------------------------------------------------------------

async function startBuying() {
  clearProblem();
  $('start').disabled = true;
  try {
    // Every buyer joins when the event has a waiting room: a room letting buyers straight through answers with the
    // admission token at once, and counts the buyer as a shopper, which is how it knows when to start queuing.
    if (!state.event.queuePolicy) {
      enterShop();
      return;
    }
    const joined = await queue.join(state.eventId);
    if (!joined.ok) {
      showProblem(joined.body);
      return;
    }
    renderQueue(joined.body, 'joined');
    if (joined.body.state === 'ADMITTED' && joined.body.admissionToken) {
      admitted(joined.body);
      return;
    }
    show('queue-view');
    const last = await queue.follow(state.eventId, joined.body.ticket, renderQueue);
    renderQueue(last, $('queue-channel').dataset.channel);
    if (last.state === 'ADMITTED') {
      admitted(last);
    } else {
      showProblem({ title: last.state === 'SOLD_OUT' ? 'Sold out' : 'Your turn has passed',
        detail: last.state === 'SOLD_OUT' ? 'The event sold out before your turn.'
          : 'Your purchase window ended before you ordered.' });
    }
  } catch (error) {
    showProblem(error.problem ?? { title: 'Connection lost', detail: String(error.message ?? error) });
  } finally {
    $('start').disabled = false;
  }
}

function renderQueue(status, channel) {
  $('queue-state').textContent = status.state;
  $('queue-position').textContent = status.position ?? (status.presaleNumber ? `pre-sale #${status.presaleNumber}` : '—');
  $('queue-ahead').textContent = status.buyersAhead ?? '—';
  $('queue-eta').textContent = status.eta
    ? `${formatSeconds(status.eta.minSeconds)} to ${formatSeconds(status.eta.maxSeconds)}`
    : status.paused ? 'paused by the organizer' : '—';
  $('queue-channel').dataset.channel = channel;
  $('queue-channel').textContent = channel === 'live' ? 'Live updates.'
    : channel === 'polling' ? `Updated every ${status.pollAfterSeconds ?? 2} s.` : '';
}

function formatSeconds(seconds) {
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function admitted(status) {
  state.admission = { token: status.admissionToken, windowEndsAt: status.windowEndsAt };
  $('admission').hidden = !status.windowEndsAt;
  if (status.windowEndsAt) {
    countdown($('window-countdown'), status.windowEndsAt, () => showProblem({ title: 'Your window has closed',
      detail: 'Your purchase window ended: join the queue again to order.' }));
  }
  enterShop();
}

// ---- seats and best available ------------------------------------------------------------------------------

function enterShop() {
  const select = $('section-select');
  select.replaceChildren(...state.event.sections.map(section => {
    const option = document.createElement('option');
    option.value = section.sectionId;
    option.textContent = `${section.name} — ${money(section.priceMinor, state.event.currency)}`;
    return option;
  }));
  select.value = state.sectionId ?? state.event.sections[0].sectionId;
  $('best-quantity').max = state.event.perBuyerLimit;
  $('conflict').hidden = true;
  show('shop-view');
  loadSection();
}

function section() {
  return state.event.sections.find(candidate => candidate.sectionId === state.sectionId);
}

async function loadSection() {
  state.sectionId = $('section-select').value;
  const reserved = section().kind === 'RESERVED';
  $('seat-area').hidden = !reserved;
  if (!reserved) {
    return;
  }
  const map = $('seat-map');
  map.setAttribute('aria-busy', 'true');
  const answer = await seats.load(state.eventId, state.sectionId);
  map.removeAttribute('aria-busy');
  if (!answer.ok) {
    showProblem(answer.body);
    return;
  }
  seats.render(map, answer.body.seats, state.selected, selectionChanged);
  selectionChanged();
}

function selectionChanged() {
  const count = state.selected.size;
  $('order-seats').disabled = count === 0;
  $('order-seats').textContent = count > 1 ? `Hold these ${count} seats` : 'Hold selected seats';
}

async function placeOrder(request) {
  clearProblem();
  $('conflict').hidden = true;
  $('order-pending').hidden = false;
  for (const button of document.querySelectorAll('#shop-view button')) {
    button.disabled = true;
  }
  try {
    const outcome = await orders.place(state.eventId, request, state.admission?.token);
    if (outcome.kind === 'held') {
      state.selected.clear();
      showOrder(outcome.order);
      return;
    }
    if (outcome.kind === 'refused') {
      showConflict(outcome.problem);
    } else {
      showProblem(outcome.problem);
    }
  } catch (error) {
    showProblem({ title: 'Connection lost', detail: 'No answer from the server; try again.' });
  } finally {
    $('order-pending').hidden = true;
    for (const button of document.querySelectorAll('#shop-view button:not([data-seat])')) {
      button.disabled = false;
    }
    // The map redraws with what the engine decided meanwhile (and re-enables the free seats).
    if (!$('shop-view').hidden) {
      await loadSection();
    }
  }
}

function showConflict(problem) {
  $('conflict-reason').textContent = problem.reason;
  $('conflict-detail').textContent = problem.detail ?? '';
  const offers = problem.alternatives ?? [];
  $('alternatives').replaceChildren(...(offers.length === 0
    ? [Object.assign(document.createElement('li'), { textContent: 'Nothing comparable is left in this section.' })]
    : offers.map((alternative, index) => {
      const line = document.createElement('li');
      const what = alternative.seatIds?.length ? `seats ${alternative.seatIds.join(', ')}`
        : `${alternative.quantity} best available`;
      const text = document.createElement('span');
      text.textContent = `${alternative.sectionId}: ${what} at ${money(alternative.price.amountMinor, alternative.price.currency)} each `;
      const take = document.createElement('button');
      take.type = 'button';
      take.id = `take-alternative-${index}`;
      take.dataset.alternative = index;
      take.textContent = 'Take these';
      take.addEventListener('click', () => placeOrder(alternative.seatIds?.length
        ? { seats: alternative.seatIds }
        : { sectionId: alternative.sectionId, quantity: alternative.quantity }));
      line.append(text, take);
      return line;
    })));
  $('conflict').hidden = false;
}

// ---- the order: hold, pay, cancel ----------------------------------------------------------------------------

function showOrder(order) {
  state.order = order;
  $('order-id').textContent = order.orderId;
  $('order-status').textContent = order.status;
  itemList($('order-items'), order.items);
  $('order-total').textContent = money(order.total.amountMinor, order.total.currency);
  $('hold-line').hidden = !order.expiresAt;
  if (order.expiresAt) {
    countdown($('hold-countdown'), order.expiresAt, () => showProblem({ title: 'Your hold has expired',
      detail: 'The seats went back on sale; choose again.' }));
  }
  $('pay').disabled = false;
  $('cancel').disabled = false;
  show('order-view');
}

async function payOrder(event) {
  event.preventDefault();
  clearProblem();
  $('pay').disabled = true;
  $('cancel').disabled = true;
  try {
    const answer = await orders.pay(state.order.orderId, $('payment-method').value.trim());
    if (answer.status === 200) {
      stopCountdown($('hold-countdown'));
      showConfirmed(answer.body);
      return;
    }
    // 402: declined, the hold stays, the buyer may pay again with another method; anything else says why.
    showProblem(answer.body);
  } catch {
    showProblem({ title: 'Connection lost', detail: 'No answer from the server; look at your order before paying again.' });
  } finally {
    $('pay').disabled = false;
    $('cancel').disabled = false;
  }
}

function showConfirmed(order) {
  state.order = order;
  $('confirmed-id').textContent = order.orderId;
  $('confirmed-status').textContent = order.status;
  itemList($('confirmed-items'), order.items);
  $('confirmed-total').textContent = money(order.total.amountMinor, order.total.currency);
  show('confirmed-view');
}

async function cancelOrder() {
  clearProblem();
  $('cancel').disabled = true;
  try {
    const answer = await orders.cancel(state.order.orderId);
    if (answer.ok) {
      stopCountdown($('hold-countdown'));
      show('cancelled-view');
      return;
    }
    showProblem(answer.body);
  } catch {
    showProblem({ title: 'Connection lost', detail: 'No answer from the server; try again.' });
  } finally {
    $('cancel').disabled = false;
  }
}

// ---- wiring --------------------------------------------------------------------------------------------------

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  clearProblem();
  api.setToken($('token-input').value);
  state.eventId = $('event-input').value.trim();
  history.replaceState(null, '', `${location.pathname}?event=${encodeURIComponent(state.eventId)}`);
  start();
});
$('forget-token').addEventListener('click', () => {
  api.forgetToken();
  askForToken();
});
$('start').addEventListener('click', startBuying);
$('section-select').addEventListener('change', () => {
  state.selected.clear();
  loadSection();
});
$('refresh-seats').addEventListener('click', loadSection);
$('order-seats').addEventListener('click', () => placeOrder({ seats: [...state.selected] }));
$('best-form').addEventListener('submit', event => {
  event.preventDefault();
  placeOrder({ sectionId: state.sectionId, quantity: Number($('best-quantity').value) });
});
$('pay-form').addEventListener('submit', payOrder);
$('cancel').addEventListener('click', cancelOrder);
$('shop-again').addEventListener('click', enterShop);
$('buy-more').addEventListener('click', enterShop);

start();
