// Small SVG charts, drawn again from scratch at each refresh: lines over time, or states as coloured bands.
// No library: nothing is fetched from elsewhere, and a chart is a few dozen elements the tests can read.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 170;
const MARGIN = { left: 46, right: 8, top: 8, bottom: 18 };
const COLOURS = ['#0b5cad', '#d1495b', '#2e7d32', '#e0a800', '#6a4c93', '#00798c', '#8d6e63', '#ef6c00'];
// KafkaStreams.State by ordinal, as the dashboard sends it; RUNNING is the one that serves.
export const STATES = ['CREATED', 'REBALANCING', 'RUNNING', 'PENDING_SHUTDOWN', 'NOT_RUNNING', 'PENDING_ERROR', 'ERROR'];
const STATE_COLOURS = ['#9aa0a6', '#e0a800', '#2e7d32', '#ef6c00', '#a4161a', '#a4161a', '#5c0a0c'];

/**
 * Draws one chart of the dashboard ({id, title, unit, kind, lines: [{name, values}]}) over `times` into `figure`,
 * replacing what was there, and sets `data-points` to the number of values plotted.
 */
export function draw(figure, chart, times) {
  figure.replaceChildren();
  const caption = document.createElement('figcaption');
  caption.textContent = chart.title;
  figure.append(caption);
  const svg = element('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': chart.title });
  figure.append(svg);
  const legend = document.createElement('ul');
  legend.className = 'legend';
  figure.append(legend);
  const points = chart.kind === 'state' ? drawStates(svg, legend, chart, times) : drawLines(svg, legend, chart, times);
  figure.dataset.points = String(points);
  if (points === 0) {
    svg.append(text(WIDTH / 2, HEIGHT / 2, 'no data yet', 'empty', 'middle'));
  }
}

function drawLines(svg, legend, chart, times) {
  const all = chart.lines.flatMap(line => line.values).filter(value => value !== null);
  const top = chart.unit === '%' ? 100 : niceCeiling(Math.max(0, ...all));
  const x = index => MARGIN.left + (times.length < 2 ? 0 : index * (WIDTH - MARGIN.left - MARGIN.right) / (times.length - 1));
  const y = value => HEIGHT - MARGIN.bottom - (value / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  axes(svg, top, chart.unit, times);
  let plotted = 0;
  chart.lines.forEach((line, index) => {
    const colour = COLOURS[index % COLOURS.length];
    // A missing value breaks the line: a gap says "not measured", never a fall to zero.
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        svg.append(element('polyline', { points: run.join(' '), stroke: colour, 'data-line': line.name }));
      }
      run = [];
    };
    let last = null;
    line.values.forEach((value, at) => {
      if (value === null) {
        flush();
        return;
      }
      run.push(`${x(at).toFixed(1)},${y(Math.min(value, top)).toFixed(1)}`);
      last = { at, value };
      plotted++;
    });
    flush();
    if (last) {
      svg.append(element('circle', { cx: x(last.at).toFixed(1), cy: y(Math.min(last.value, top)).toFixed(1), r: 2.5,
        fill: colour, 'data-line': line.name }));
    }
    legend.append(legendItem(colour, line.name, last ? format(last.value, chart.unit) : '–'));
  });
  return plotted;
}

function drawStates(svg, legend, chart, times) {
  const rowHeight = Math.min(40, (HEIGHT - MARGIN.top - MARGIN.bottom) / Math.max(1, chart.lines.length));
  const step = times.length < 2 ? WIDTH - MARGIN.left - MARGIN.right : (WIDTH - MARGIN.left - MARGIN.right) / (times.length - 1);
  let plotted = 0;
  chart.lines.forEach((line, row) => {
    const top = MARGIN.top + row * rowHeight;
    svg.append(text(MARGIN.left - 4, top + rowHeight / 2 + 3, line.name.slice(0, 8), 'tick', 'end'));
    let last = null;
    line.values.forEach((value, at) => {
      if (value === null) {
        return;
      }
      svg.append(element('rect', { x: (MARGIN.left + at * step).toFixed(1), y: top + 2, width: Math.max(step, 1).toFixed(1),
        height: rowHeight - 4, fill: STATE_COLOURS[value] ?? '#000', 'data-line': line.name }));
      last = value;
      plotted++;
    });
    legend.append(legendItem(STATE_COLOURS[last] ?? '#000', line.name, last === null ? '–' : STATES[last] ?? `state ${last}`));
  });
  axes(svg, null, '', times);
  return plotted;
}

function axes(svg, top, unit, times) {
  const bottom = HEIGHT - MARGIN.bottom;
  svg.append(element('line', { x1: MARGIN.left, y1: bottom, x2: WIDTH - MARGIN.right, y2: bottom, class: 'axis' }));
  if (top !== null) {
    svg.append(element('line', { x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: bottom, class: 'axis' }));
    svg.append(text(MARGIN.left - 4, MARGIN.top + 8, format(top, unit), 'tick', 'end'));
    svg.append(text(MARGIN.left - 4, (MARGIN.top + bottom) / 2 + 3, format(top / 2, unit), 'tick', 'end'));
    svg.append(text(MARGIN.left - 4, bottom, '0', 'tick', 'end'));
  }
  if (times.length > 1) {
    const minutes = Math.round((times[times.length - 1] - times[0]) / 60000 * 10) / 10;
    svg.append(text(MARGIN.left, HEIGHT - 4, `−${minutes} min`, 'tick', 'start'));
    svg.append(text(WIDTH - MARGIN.right, HEIGHT - 4, 'now', 'tick', 'end'));
  }
}

function legendItem(colour, name, now) {
  const item = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = colour;
  const value = document.createElement('span');
  value.className = 'now';
  value.textContent = now;
  item.append(swatch, document.createTextNode(name), value);
  return item;
}

/** 1, 2 or 5 times a power of ten, at least the value: axis labels a reader takes in at a glance. */
function niceCeiling(value) {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(step => step * power).find(candidate => candidate >= value);
}

export function format(value, unit) {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  switch (unit) {
    case '/s': return `${rounded}/s`;
    case 'ms': return `${rounded} ms`;
    case '%': return `${rounded}%`;
    default: return String(rounded);
  }
}

function element(name, attributes) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  return node;
}

function text(x, y, content, className, anchor) {
  const node = element('text', { x, y, class: className, 'text-anchor': anchor });
  node.textContent = content;
  return node;
}
