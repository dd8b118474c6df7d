// Overview cards: summary values with their change against the previous period.

import { byId, fill, h } from './dom.js';
import { icon } from './icons.js';
import { contract } from './contract.js';
import { DASH, capitalize, dec, int, minutes, pct, signedPercent } from './format.js';
import { ANSWER_QUALITY } from './wording.js';

const CARDS = [
  { key: 'sessions', label: 'Sessions', icon: 'calendar', value: int },
  { key: 'exchanges', label: 'Exchanges', icon: 'message', value: int },
  { key: 'quality', label: 'Answer quality', icon: 'star', value: pct, hint: ANSWER_QUALITY },
  { key: 'engagement', label: 'Exchanges per session', icon: 'activity', value: dec },
];

export function renderOverview(answer) {
  const used = answer.meta.period;
  byId('overview-sub').textContent = capitalize(contract().periodText(used));
  fill(byId('kpis'), CARDS.map((c) => card(c, answer.trends[c.key], used)));
  const s = answer.summary;
  fill(
    byId('stat-strip'),
    stat('fire', 'Current streak', s.streak_days === 1 ? '1 day' : `${int(s.streak_days)} days`),
    stat('layers', 'Topics studied', int(s.unique_topics)),
    stat('clock', 'Time learning', minutes(s.total_duration_minutes)),
    stat('thumbs', 'Feedback given', int(s.total_feedback))
  );
  const basis = answer.meta.comparison?.basis;
  byId('comparison-basis').textContent = basis ? `Changes compare with ${basis}.` : '';
}

function card(c, trend, period) {
  const value = trend ? c.value(trend.value) : DASH;
  return h(
    'article',
    { class: 'kpi', dataset: { metric: c.key } },
    h('h3', {}, icon(c.icon), c.label),
    h('p', { class: 'kpi-value' }, value),
    change(trend, period),
    c.hint ? h('p', { class: 'kpi-hint' }, c.hint) : null
  );
}

function change(trend, period) {
  const vs = h('span', { class: 'vs' }, `vs ${contract().previousText(period)}`);
  if (!trend || trend.change == null) {
    const text = trend && trend.value != null && trend.value !== 0 ? 'No data in the previous period' : 'No change to show';
    return h('p', { class: 'change none' }, text);
  }
  const arrow = { up: '▲', down: '▼', flat: '●' }[trend.direction] ?? '●';
  const tone = trend.direction === 'up' ? 'good' : trend.direction === 'down' ? 'bad' : 'flat';
  const words = { up: 'up', down: 'down', flat: 'about the same,' }[trend.direction] ?? '';
  return h(
    'p',
    { class: `change ${tone}` },
    h('span', { 'aria-hidden': 'true' }, arrow),
    h('span', { class: 'visually-hidden' }, words),
    h('span', {}, signedPercent(trend.change)),
    vs
  );
}

function stat(iconName, label, value) {
  return h(
    'li',
    {},
    h('span', { class: 'icon-bubble' }, icon(iconName)),
    h('div', {}, h('p', { class: 'stat-label' }, label), h('p', { class: 'stat-value' }, value))
  );
}
