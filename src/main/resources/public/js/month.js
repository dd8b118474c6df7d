// The monthly report (the specification's monthly summary): one calendar month against the month
// before, loaded when the learner opens it, with buttons to step to other months.

import * as api from './api.js';
import { byId, fill, h, table } from './dom.js';
import { int, localDate, minutes, pct, signedPercent } from './format.js';
import { topicLink } from './topicdetail.js';

let shown = null; // the answer on screen

/** The month next to 'YYYY-MM', steps months away. */
export function stepMonth(month, steps) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + steps, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "November 2025" for '2025-11'. */
export function monthName(month) {
  return localDate(`${month}-01`, { month: 'long', year: 'numeric' });
}

let wired = false;

/** Called each time the report is opened: shows the last complete month the first time. */
export function openMonth() {
  if (!wired) {
    wired = true;
    byId('month-prev').addEventListener('click', () => showMonth(stepMonth(shown.month, -1)));
    byId('month-next').addEventListener('click', () => showMonth(stepMonth(shown.month, 1)));
  }
  if (!shown) showMonth(null);
}

/** Loads and shows a month ('YYYY-MM'), or the last complete one for null. */
export async function showMonth(month) {
  const status = byId('month-status');
  status.textContent = 'Loading…';
  try {
    const path = month ? `/api/analytics/month?${api.qs({ month })}` : '/api/analytics/month';
    renderMonth(await api.get(path));
    status.textContent = '';
  } catch (e) {
    status.textContent = `Could not load the report: ${e instanceof api.ApiError ? e.message : 'the page failed'}.`;
    if (!(e instanceof api.ApiError)) console.error('Learnlytics: monthly report failed', e);
  }
}

function renderMonth(a) {
  shown = a;
  const s = a.summary;
  const p = a.previous;
  byId('month-title').textContent = `${monthName(a.month)}${a.complete ? '' : ' so far'}`;
  byId('month-prev').textContent = `‹ ${monthName(p.month)}`;
  byId('month-next').hidden = !a.complete;
  byId('month-next').textContent = `${monthName(stepMonth(a.month, 1))} ›`;
  const rows = [
    ['Sessions', int(s.sessions), int(p.sessions), a.changes.sessions],
    ['Exchanges', int(s.exchanges), int(p.exchanges), a.changes.exchanges],
    ['Time learned', minutes(s.minutes), minutes(p.minutes), a.changes.minutes],
    ['Days learned', int(s.days_learned), int(p.days_learned), a.changes.days_learned],
    ['Answer quality', pct(s.quality), pct(p.quality), a.changes.quality],
    ['Topics', int(s.topics), int(p.topics), null],
    ['Positive feedback', pct(s.positive_feedback), pct(p.positive_feedback), null],
  ];
  fill(
    byId('month-table'),
    table(
      [
        { label: '', cell: (r) => r[0] },
        { label: monthName(a.month), num: true, cell: (r) => r[1] },
        { label: monthName(p.month), num: true, cell: (r) => r[2] },
        { label: 'Change', num: true, cell: (r) => (r[3] ? signedPercent(r[3].change) : '') },
      ],
      rows,
      `${monthName(a.month)} against ${monthName(p.month)}`
    )
  );
  renderLists(a);
}

function renderLists(a) {
  const streak = a.best_streak;
  fill(
    byId('month-lists'),
    h('li', {}, 'Top topics: ', a.top_topics.length ? joined(a.top_topics.map((t) => [topicLink(t.name), ` (${int(t.sessions)})`])) : 'none'),
    h('li', {}, 'First studied this month: ', a.new_topics.length ? joined(a.new_topics.map((t) => topicLink(t))) : 'no new topics'),
    h('li', {}, 'Longest streak: ', streak ? `${int(streak.days)} ${streak.days === 1 ? 'day' : 'days'} (${localDate(streak.start, { month: 'short', day: 'numeric' })} – ${localDate(streak.end, { month: 'short', day: 'numeric' })})` : 'no learning days')
  );
}

function joined(parts) {
  return parts.flatMap((part, i) => (i ? [', ', part] : [part]));
}
