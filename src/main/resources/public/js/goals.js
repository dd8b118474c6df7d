// Goals with progress bars, the streak, milestones and recent achievements.

import * as api from './api.js';
import { alpha } from './charts.js';
import { byId, fill, h, toast } from './dom.js';
import { icon } from './icons.js';
import { contract } from './contract.js';
import { instantDate, int, relative, valueIn } from './format.js';
import { comparisonWords, frequencyWords, goalMetricWords, goalStatusWords } from './wording.js';

let reload = () => {};

/** Called after a goal is removed, to load the goals again. */
export function onGoalsChanged(fn) {
  reload = fn;
}

export function renderGoals(answer, highlightId) {
  const list = byId('goal-list');
  if (!answer.active_goals.length) {
    fill(list, h('li', { class: 'empty-note' }, 'No goals yet: create one with the form.'));
  } else {
    fill(list, answer.active_goals.map((g) => goalItem(g, g.id === highlightId)));
  }
  renderStreak(answer.streak);
  renderMilestones(answer.milestones);
  renderAchievements(answer.recent_achievements);
}

const PACE = { on_track: 'On track', at_risk: 'At risk' };

/**
 * The status badge of a goal. A goal judged when its period ends (a mean, a rate, "at most") is
 * in progress until then; its pace says whether the value so far meets the target.
 */
export function goalStatus(g, unit) {
  const text = g.status === 'in_progress' ? PACE[g.pace] : null;
  if (!text) return { ...goalStatusWords(g.status), pace: null, title: null };
  const so = `So far ${valueIn(unit, g.current)} against ${comparisonWords(g.comparison)} ${valueIn(unit, g.target)}`;
  return { text, icon: null, pace: g.pace, title: `${so}: judged when the period ends.` };
}

function goalItem(g, highlight) {
  const color = /^#[0-9a-f]{6}$/i.test(g.color ?? '') ? g.color : contract().goals.default_color;
  const progress = Math.max(0, Math.min(100, g.progress ?? 0));
  const unit = contract().goalMetric(g.target_metric).unit;
  const status = goalStatus(g, unit);
  const numbers = `${valueIn(unit, g.current)} of ${comparisonWords(g.comparison)} ${valueIn(unit, g.target)}`;
  const foot = [
    `${numbers} ${goalMetricWords(g.target_metric).noun} ${frequencyWords(g.frequency).when}`.trim(),
    g.ends_at ? `ends ${instantDate(g.ends_at)}` : null,
    g.filters?.topic ? `topic: ${g.filters.topic}` : null,
  ].filter(Boolean);
  const li = h(
    'li',
    { class: `goal${highlight ? ' just-created' : ''}`, dataset: { id: g.id, status: g.status } },
    h('span', { class: 'icon-bubble', style: `background:${alpha(color, 0.14)};color:${color}` }, icon(g.icon)),
    h(
      'div',
      { class: 'goal-body' },
      h(
        'div',
        { class: 'goal-title' },
        h('h3', {}, g.name),
        h(
          'span',
          { class: `status status-${g.status}${status.pace ? ` pace-${status.pace}` : ''}`, title: status.title },
          status.icon ? icon(status.icon) : null,
          status.text
        )
      ),
      g.description && g.description !== g.name ? h('p', { class: 'goal-desc' }, g.description) : null,
      h(
        'div',
        { class: 'goal-progress' },
        h(
          'div',
          {
            class: 'bar',
            role: 'progressbar',
            'aria-label': `${g.name} progress`,
            'aria-valuemin': 0,
            'aria-valuemax': 100,
            'aria-valuenow': Math.round(progress),
            'aria-valuetext': `${Math.round(progress)}%: ${numbers}`,
          },
          h('div', { class: 'bar-fill', style: `width:${progress}%;background:${color}` })
        ),
        h('span', { class: 'goal-numbers' }, `${Math.round(progress)}%`)
      ),
      h('p', { class: 'goal-foot' }, foot.map((f) => h('span', {}, f)))
    ),
    g.goal_type === 'custom' ? removeButton(g) : null
  );
  return li;
}

function removeButton(g) {
  return h(
    'button',
    {
      type: 'button',
      class: 'icon-btn',
      title: 'Remove goal',
      'aria-label': `Remove goal: ${g.name}`,
      onclick: async (e) => {
        if (!window.confirm(`Remove the goal “${g.name}”? Achievements it unlocked stay.`)) return;
        e.currentTarget.disabled = true;
        try {
          await api.del(`/api/analytics/goals/${encodeURIComponent(g.id)}`);
          toast(`Goal removed: ${g.name}`);
          byId('goals-title').focus();
          reload();
        } catch (err) {
          toast(`Could not remove the goal: ${err.message}`);
        }
      },
    },
    icon('trash')
  );
}

function renderStreak(s) {
  const days = (n) => (n === 1 ? 'day' : 'days');
  fill(
    byId('streak-body'),
    h('div', { class: 'streak-flame' }, icon('fire')),
    h(
      'div',
      {},
      h('p', { class: 'streak-number', dataset: { current: s.current } }, int(s.current), h('span', {}, `${days(s.current)} in a row`)),
      h(
        'p',
        { class: 'streak-facts' },
        h('span', {}, `Best: ${int(s.best)} ${days(s.best)}`),
        s.today_complete
          ? h('span', { class: 'today-done' }, icon('check'), 'Today done')
          : h('span', { class: 'today-pending' }, 'Learn today to keep it going')
      )
    )
  );
}

function renderMilestones(m) {
  if (!m) return;
  fill(byId('milestones'), milestone('Sessions', m.sessions), milestone('Topics explored', m.topics));
}

function milestone(label, m) {
  const text = m.next == null ? `${int(m.current)} · every milestone reached` : `${int(m.current)} of ${int(m.next)}`;
  return h(
    'div',
    {},
    h('p', { class: 'milestone-label' }, h('span', {}, label), h('span', {}, text)),
    h(
      'div',
      {
        class: 'bar',
        role: 'progressbar',
        'aria-label': `${label} milestone`,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(m.progress),
        'aria-valuetext': text,
      },
      h('div', { class: 'bar-fill', style: `width:${Math.min(100, m.progress)}%` })
    )
  );
}

function renderAchievements(list) {
  const box = byId('achievements');
  if (!list.length) {
    fill(box, h('li', { class: 'empty-note' }, 'Complete a goal to unlock your first achievement.'));
    return;
  }
  fill(
    box,
    list.map((a) =>
      h(
        'li',
        {},
        h('span', { class: 'icon-bubble' }, icon(a.icon)),
        h(
          'div',
          {},
          h('p', { class: 'achievement-name' }, a.name),
          h('p', { class: 'achievement-period' }, `${a.period} · `, h('time', { datetime: a.unlocked_at }, relative(a.unlocked_at)))
        )
      )
    )
  );
}
