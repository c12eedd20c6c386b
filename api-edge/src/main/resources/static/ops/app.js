// The operations page: an organizer's or operator's token, then GET /api/ops/dashboard every second, drawn as charts
// (charts.js) with the alerts firing above them. The edge computes every figure; the page only draws.

import { draw, format } from './charts.js';

const TOKEN_KEY = 'onsale.ops.token';
const REFRESH_MS = 1000;
const $ = id => document.getElementById(id);
let timer = null;

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The token's subject and roles, for display only: the edge is what checks the token. */
function claims() {
  try {
    const payload = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return {};
  }
}

function start() {
  // The token arrives in the fragment (never sent to the server, so never in its logs) and leaves the address bar.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token').trim());
    history.replaceState(null, '', location.pathname + location.search);
  }
  if (!token()) {
    askForToken();
    return;
  }
  const { sub, roles } = claims();
  $('who').textContent = `Watching as ${sub ?? 'unknown'}${roles ? ` (${[].concat(roles).join(', ')})` : ''}`;
  $('forget-token').hidden = false;
  $('token-view').hidden = true;
  $('dashboard-view').hidden = false;
  refresh();
}

function askForToken() {
  clearTimeout(timer);
  $('who').textContent = '';
  $('forget-token').hidden = true;
  $('dashboard-view').hidden = true;
  $('token-view').hidden = false;
}

async function refresh() {
  clearTimeout(timer);
  let answer;
  try {
    const response = await fetch('/api/ops/dashboard', {
      cache: 'no-store',
      headers: { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${token()}` },
    });
    answer = { status: response.status, body: await response.json().catch(() => null) };
  } catch (error) {
    showProblem({ title: 'The edge does not answer', detail: `${error.message}; trying again every second.` });
    timer = setTimeout(refresh, REFRESH_MS);
    return;
  }
  if (answer.status === 401 || answer.status === 403) {
    // A refused token will not be accepted next second either: ask for another.
    showProblem(answer.body ?? { title: `HTTP ${answer.status}` });
    if (answer.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      askForToken();
    }
    return;
  }
  if (answer.status !== 200 || !answer.body) {
    showProblem(answer.body ?? { title: `HTTP ${answer.status}`, detail: 'trying again every second' });
  } else {
    $('problem').hidden = true;
    render(answer.body);
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

function render(view) {
  $('freshness').textContent = view.at
    ? `instance ${view.instance} · ${new Date(view.at).toLocaleTimeString()}` : `instance ${view.instance} · starting`;
  renderAlerts(view);
  $('streams-elsewhere').hidden = view.streamsApps.length > 0;
  const container = $('charts');
  view.charts.forEach(chart => {
    let figure = document.getElementById(`chart-${chart.id}`);
    if (!figure) {
      figure = document.createElement('figure');
      figure.id = `chart-${chart.id}`;
      figure.className = 'chart';
      container.append(figure);
    }
    draw(figure, chart, view.times);
  });
}

function renderAlerts(view) {
  // Why the waiting rooms admit less than the organizers' rates, as this instance tells them.
  $('admission').textContent = view.admission == null
    ? 'Health-aware admission is off on this instance (onsale.queue.health.enabled=false).'
    : view.admission.slowedBecause == null
      ? 'Checkout is healthy: every waiting room admits at its organizer\'s rate.'
      : `Admitting ${Math.round(view.admission.share * 100)}% of each organizer's rate: ${view.admission.slowedBecause}`;
  $('admission').classList.toggle('firing', view.admission != null && view.admission.slowedBecause != null);
  $('alerts-off').hidden = view.alertsEnabled;
  $('alerts-count').textContent = String(view.alerts.length);
  $('alerts-count').classList.toggle('firing', view.alerts.length > 0);
  $('alerts-none').hidden = view.alerts.length > 0;
  $('alerts-firing').replaceChildren(...view.alerts.map(alert => {
    const item = alertItem(alert.name, alert.labels, alert.summary);
    item.classList.add(alert.severity === 'WARN' ? 'warn' : 'page');
    item.append(document.createTextNode(` · firing since ${new Date(alert.firingSince).toLocaleTimeString()}`
      + ` (now ${format(alert.value, '')}, threshold ${format(alert.threshold, '')})`));
    return item;
  }));
  $('alerts-recent').replaceChildren(...view.transitions.map(transition => {
    const item = alertItem(transition.name, transition.labels, transition.summary);
    item.classList.add(transition.status.toLowerCase());
    item.prepend(document.createTextNode(`${new Date(transition.at).toLocaleTimeString()} ${transition.status} `));
    return item;
  }));
}

function alertItem(name, labels, summary) {
  const item = document.createElement('li');
  item.dataset.alert = name;
  const title = document.createElement('span');
  title.className = 'name';
  const about = Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(', ');
  title.textContent = about ? `${name} {${about}}` : name;
  item.append(title, document.createTextNode(summary));
  return item;
}

function showProblem(problem) {
  $('problem-title').textContent = problem.title ?? 'Problem';
  $('problem-detail').textContent = problem.detail ?? '';
  $('problem').hidden = false;
}

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
  $('problem').hidden = true;
  start();
});

$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  askForToken();
});

start();
