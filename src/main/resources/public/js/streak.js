// Why the streak is what it is: the last six weeks judged day by day, the day that broke the last
// streak and why, setting changes that moved day boundaries, and opt-in streak protection.

import * as api from './api.js';
import { byId, fill, h, toast } from './dom.js';
import { int, localDate } from './format.js';

const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const STATUS_WORDS = {
  active: 'counted',
  rest: 'rest day',
  frozen: 'freeze used',
  too_little: 'below your minimum',
  missed: 'no session',
  pending: 'today, not yet',
  idle: 'no streak running',
};

let changed = () => {};

/** Called after protection is saved, to reload the streak and goals. */
export function onStreakChanged(fn) {
  changed = fn;
}

export function renderStreakWhy(r) {
  fill(
    byId('streak-why-body'),
    dayStrip(r.recent_days),
    h('p', { class: 'streak-line' }, todayLine(r.current)),
    r.last_break ? h('p', { class: 'streak-line', id: 'streak-break' }, breakLine(r.last_break)) : null,
    ...r.calendar_changes.map((c) => h('p', { class: 'streak-line streak-move' }, moveLine(c))),
    protectionForm(r.protection)
  );
}

/** The last days as small squares, oldest first; each names its date and status on hover or tap. */
function dayStrip(days) {
  return h(
    'ol',
    { class: 'streak-days', 'aria-label': 'Recent learning days' },
    days.map((d) => {
      const text = `${localDate(d.date)}: ${STATUS_WORDS[d.status] ?? d.status}` + (d.sessions ? ` (${int(d.sessions)} ${d.sessions === 1 ? 'session' : 'sessions'}, ${int(d.minutes)} min)` : '');
      return h('li', { class: `streak-day is-${d.status.replace('_', '-')}`, title: text, tabindex: '0', 'aria-label': text });
    })
  );
}

function todayLine(c) {
  const day = c.learning_day;
  const left = day.hours_left == null ? '' : ` · ${day.hours_left} h left in today's learning day (${day.zone})`;
  return c.today === 'done' ? `Today counts${left}.` : `Today is still open${left}.`;
}

function breakLine(b) {
  const ended = `${int(b.ended.days)}-day streak ended ${localDate(b.date)}.`;
  return `Your last ${ended} ${b.reason}`;
}

function moveLine(c) {
  return `Your calendar moved from ${c.before.zone} (day from ${c.before.day_start_hour}:00) to ${c.after.zone} (day from ${c.after.day_start_hour}:00) on ${localDate(c.day)}; that day lasted ${c.day_hours} hours and earlier days kept their boundaries.`;
}

function protectionSummary(p) {
  if (!p.enabled) return 'Streak protection is off.';
  const parts = [];
  if (p.freezes_per_month) parts.push(`${p.freezes_per_month} ${p.freezes_per_month === 1 ? 'freeze' : 'freezes'} a month (${p.freezes_left_this_month} left)`);
  if (p.rest_days.length) parts.push(`rest on ${p.rest_days.map((d) => d[0].toUpperCase() + d.slice(1) + 's').join(', ')}`);
  const min = [p.min_exchanges ? `${p.min_exchanges} exchanges` : null, p.min_minutes ? `${p.min_minutes} minutes` : null].filter(Boolean);
  if (min.length) parts.push(`a day counts with at least ${min.join(' or ')}`);
  return `Protection: ${parts.join(' · ')}.`;
}

function protectionForm(p) {
  const number = (name, label, value, max) =>
    h('label', { class: 'protect-field' }, label, h('input', { type: 'number', name, min: '0', max: String(max), value: String(value), inputmode: 'numeric' }));
  const form = h(
    'form',
    { class: 'protect-form', id: 'protect-form' },
    number('freezes_per_month', 'Freezes a month', p.freezes_per_month, 31),
    h(
      'fieldset',
      { class: 'protect-rest' },
      h('legend', {}, 'Rest days'),
      WEEK.map((d) => h('label', {}, h('input', { type: 'checkbox', name: 'rest_days', value: d, checked: p.rest_days.includes(d) }), d.slice(0, 3)))
    ),
    number('min_exchanges', 'Minimum exchanges', p.min_exchanges, 1000),
    number('min_minutes', 'or minimum minutes', p.min_minutes, 1440),
    h('p', { class: 'panel-sub' }, 'Applies from today on; past days stay as they were judged.'),
    h('button', { type: 'submit', class: 'btn btn-primary btn-small', id: 'protect-save' }, 'Save protection')
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(form);
  });
  return h('details', { class: 'protect' }, h('summary', {}, protectionSummary(p)), form);
}

async function save(form) {
  const data = new FormData(form);
  const body = {
    freezes_per_month: Number(data.get('freezes_per_month') || 0),
    rest_days: data.getAll('rest_days'),
    min_exchanges: Number(data.get('min_exchanges') || 0),
    min_minutes: Number(data.get('min_minutes') || 0),
  };
  try {
    await api.put('/api/analytics/streak/protection', body);
    toast('Streak protection saved.');
    changed();
  } catch (err) {
    toast(`Could not save streak protection: ${err.message}`);
  }
}
