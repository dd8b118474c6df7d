// The Today strip at the top of the page: the streak with today's status, the nearest goal with its
// pace, and one "next up" suggestion. It reuses the answers the streak, goals and topics sections
// load (no requests of its own); each part fills in when its answer arrives.

import { byId, fill, h } from './dom.js';
import { icon } from './icons.js';
import { contract } from './contract.js';
import { int, valueIn } from './format.js';
import { goalPace, nearestGoal, nextUp } from './pace.js';
import { goalMetricWords, paceWords } from './wording.js';

const days = (n) => (n === 1 ? '1 day' : `${int(n)} days`);

/** From GET /api/analytics/streak: "12 days in a row" and whether today counts yet. */
export function renderTodayStreak(answer) {
  const c = answer.current;
  const left = c.learning_day?.hours_left;
  const status =
    c.today === 'done'
      ? h('p', { class: 'today-status good' }, icon('check'), 'Today done')
      : h(
          'p',
          { class: 'today-status warn' },
          left == null ? 'Today pending' : `Today pending · ${formatHours(left)} left`
        );
  fill(
    byId('today-streak'),
    h('p', { class: 'today-label' }, icon('fire'), 'Streak'),
    h('p', { class: 'today-value', dataset: { days: c.days } }, c.days ? `${days(c.days)} in a row` : 'No streak yet'),
    status
  );
  byId('today-streak').dataset.today = c.today;
}

/** Hours left in the learning day: "5.5 h", or "40 min" in the last hour. */
export function formatHours(hours) {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  return `${Math.round(hours * 10) / 10} h`;
}

/** From GET /api/analytics/goals: the nearest goal as a bar with its numbers and pace. */
export function renderTodayGoal(answer, nowMs = Date.now()) {
  const box = byId('today-goal');
  const g = nearestGoal(answer.active_goals);
  if (!g) {
    fill(
      box,
      h('p', { class: 'today-label' }, icon('target'), 'Nearest goal'),
      h('p', { class: 'today-value' }, 'No goal yet'),
      h('p', { class: 'today-why' }, h('a', { href: '#new-goal' }, 'Create a goal'))
    );
    return;
  }
  const unit = contract().goalMetric(g.target_metric).unit;
  const pace = goalPace(g, unit, nowMs);
  const progress = Math.max(0, Math.min(100, g.progress ?? 0));
  const numbers = `${valueIn(unit, g.current)} of ${valueIn(unit, g.target)} ${goalMetricWords(g.target_metric).noun}`;
  const paceText = paceWords(pace, (v) => valueIn(unit, v), progress);
  fill(
    box,
    h('p', { class: 'today-label' }, icon('target'), 'Nearest goal'),
    h('p', { class: 'today-value today-goal-name', title: g.name }, g.name),
    h(
      'div',
      {
        class: 'bar',
        role: 'progressbar',
        'aria-label': `${g.name} progress`,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(progress),
        'aria-valuetext': `${numbers}, ${paceText}`,
      },
      h('div', { class: 'bar-fill', style: `width:${progress}%` })
    ),
    h('p', { class: `today-status pace-${pace.status}` }, h('span', { class: 'today-numbers' }, numbers), `, ${paceText}`)
  );
  box.dataset.goal = g.id;
  box.dataset.pace = pace.status;
}

/** From GET /api/analytics/topics: one suggestion with why. */
export function renderTodayNext(answer) {
  const next = nextUp(answer);
  fill(
    byId('today-next'),
    h('p', { class: 'today-label' }, icon('compass'), 'Next up'),
    next ? h('p', { class: 'today-value' }, next.action) : h('p', { class: 'today-value' }, 'Keep going'),
    h('p', { class: 'today-why' }, next ? next.why : 'No fading topics and no knowledge gaps right now.')
  );
  byId('today-next').dataset.kind = next?.kind ?? 'none';
}

const PARTS = { streak: ['today-streak', 'Streak'], goals: ['today-goal', 'Nearest goal'], topics: ['today-next', 'Next up'] };

/** A part whose answer could not be loaded says so (its panel below offers the retry). */
export function todayUnavailable(section) {
  const [id, label] = PARTS[section] ?? [];
  const box = id ? byId(id) : null;
  if (!box || !box.querySelector('.skeleton')) return; // keeps what it showed, as the panels do
  fill(box, h('p', { class: 'today-label' }, label), h('p', { class: 'today-why' }, 'Could not be loaded right now.'));
}
