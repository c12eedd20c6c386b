// The seat map of one reserved section: one button per seat, grouped by row. A free seat toggles in and out of
// the buyer's selection; held, sold and unavailable seats are shown but cannot be picked.

import { get } from './api.js';

const STATUS_LABEL = { AVAILABLE: 'free', HELD: 'held', SOLD: 'sold', UNAVAILABLE: 'unavailable' };

export async function load(eventId, sectionId) {
  return get(`/api/events/${encodeURIComponent(eventId)}/sections/${encodeURIComponent(sectionId)}/seats`);
}

/**
 * Draws the map into container. selected is a Set of seat ids the buyer picked (kept across redraws while the
 * seat is still free); onChange is called after each toggle.
 */
export function render(container, seats, selected, onChange) {
  for (const seatId of [...selected]) {
    if (!seats.some(seat => seat.seatId === seatId && seat.status === 'AVAILABLE')) {
      selected.delete(seatId);
    }
  }
  const rows = new Map();
  for (const seat of seats) {
    if (!rows.has(seat.row)) {
      rows.set(seat.row, []);
    }
    rows.get(seat.row).push(seat);
  }
  container.replaceChildren(...[...rows].map(([row, rowSeats]) => {
    const line = document.createElement('div');
    line.className = 'seat-row';
    line.setAttribute('role', 'group');
    line.setAttribute('aria-label', `Row ${row}`);
    const label = document.createElement('span');
    label.className = 'row-label';
    label.textContent = row;
    line.append(label, ...rowSeats.sort((a, b) => a.number - b.number).map(seat => button(seat, selected, onChange)));
    return line;
  }));
}

function button(seat, selected, onChange) {
  const element = document.createElement('button');
  element.type = 'button';
  element.id = `seat-${seat.seatId}`;
  element.dataset.seat = seat.seatId;
  element.dataset.status = seat.status;
  element.textContent = seat.number;
  element.disabled = seat.status !== 'AVAILABLE';
  const paint = () => {
    const mine = selected.has(seat.seatId);
    element.className = `seat seat--${mine ? 'selected' : seat.status.toLowerCase()}`;
    element.setAttribute('aria-pressed', String(mine));
    element.setAttribute('aria-label',
      `Seat ${seat.seatId}, row ${seat.row} number ${seat.number}: ${mine ? 'selected' : STATUS_LABEL[seat.status]}`);
  };
  element.addEventListener('click', () => {
    if (selected.has(seat.seatId)) {
      selected.delete(seat.seatId);
    } else {
      selected.add(seat.seatId);
    }
    paint();
    onChange();
  });
  paint();
  return element;
}
