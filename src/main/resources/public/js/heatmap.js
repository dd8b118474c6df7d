// Calendar heatmap of learning days (sessions per day over 365 days), drawn as SVG: one column per
// week (Monday first), one row per weekday.

import { byId, fill } from './dom.js';
import { int, localDate } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CELL = 11;
const STEP = 14;
const LEFT = 30;
const TOP = 18;
const RIGHT = 22; // room for a month label that starts in the last week column ("Dec")

function el(name, attrs, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function level(v, max) {
  if (!v) return 0;
  return Math.max(1, Math.min(4, Math.ceil((v / max) * 4)));
}

/** Learning-day statistics: days with a session, the longest run and the run ending at the last day. */
export function runs(values) {
  let longest = 0;
  let run = 0;
  for (const v of values) {
    run = v > 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  let current = 0;
  for (let i = values.length - 1; i >= 0 && values[i] > 0; i--) current++;
  if (current === 0 && values.length > 1) {
    // today without a session yet does not break the run that ended yesterday
    for (let i = values.length - 2; i >= 0 && values[i] > 0; i--) current++;
  }
  return { days: values.filter((v) => v > 0).length, longest, current };
}

let resizeWatch = null;

/** On a narrow screen the calendar scrolls sideways: keep the most recent weeks in view. */
function showLatest(box) {
  box.scrollLeft = box.scrollWidth;
  if (!resizeWatch && 'ResizeObserver' in window) {
    resizeWatch = new ResizeObserver(() => (box.scrollLeft = box.scrollWidth));
    resizeWatch.observe(box);
  }
}

export function renderHeatmap(answer) {
  const dates = answer.dates;
  const values = (answer.chart.datasets[0]?.data ?? []).map((v) => v ?? 0);
  const max = Math.max(1, ...values);
  const first = new Date(`${dates[0]}T12:00:00Z`);
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const weeks = Math.ceil((offset + dates.length) / 7);
  const width = LEFT + weeks * STEP + RIGHT;
  const height = TOP + 7 * STEP;
  const stats = runs(values);
  const total = values.reduce((a, b) => a + b, 0);
  const summary =
    `${int(stats.days)} learning days out of the last ${int(dates.length)}, ${int(total)} sessions in all; ` +
    `longest run ${int(stats.longest)} days, current run ${int(stats.current)} days.`;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Calendar heatmap: ${summary}` });
  ['Mon', '', 'Wed', '', 'Fri', '', ''].forEach((d, row) => {
    if (d) svg.append(el('text', { x: 0, y: TOP + row * STEP + CELL - 1 }, d));
  });
  let lastMonthCol = -10;
  dates.forEach((date, i) => {
    const pos = offset + i;
    const col = Math.floor(pos / 7);
    const row = pos % 7;
    const day = Number(date.slice(8, 10));
    if ((day === 1 || i === 0) && col - lastMonthCol >= 3) {
      svg.append(el('text', { x: LEFT + col * STEP, y: 11 }, localDate(date, { month: 'short' })));
      lastMonthCol = col;
    }
    const v = values[i];
    const rect = el('rect', {
      x: LEFT + col * STEP,
      y: TOP + row * STEP,
      width: CELL,
      height: CELL,
      rx: 2,
      class: `heat l${level(v, max)}`,
      'data-date': date,
      'data-count': v,
    });
    rect.append(el('title', {}, `${localDate(date)}: ${v === 1 ? '1 session' : `${int(v)} sessions`}`));
    svg.append(rect);
  });
  const box = byId('heatmap');
  fill(box, svg);
  showLatest(box);
  byId('heatmap-summary').textContent = summary;
}
