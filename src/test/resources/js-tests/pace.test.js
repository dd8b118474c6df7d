import { equal, test } from './harness.js';
import { goalPace, nearestGoal, nextUp } from '/js/pace.js';
import { formatHours } from '/js/today.js';

const WEEK = { period_start: '2025-11-17T05:00:00Z', ends_at: '2025-11-24T04:59:59Z' };
const at = (iso) => Date.parse(iso);

const weekly = (current, target = 5, extra = {}) => ({
  id: 'w',
  frequency: 'weekly',
  comparison: 'gte',
  current,
  target,
  progress: (100 * current) / target,
  status: current >= target ? 'completed' : 'in_progress',
  ...WEEK,
  ...extra,
});

test('a goal keeps pace when it has the whole units of its target the elapsed share expects', () => {
  // half the week gone: 2.5 of 5 sessions expected, so 2 are on track
  equal(goalPace(weekly(2), 'count', at('2025-11-20T17:00:00Z')), { status: 'on_track', expected: 2, behind: 0, share: 0.5 });
  // 6 of 7 days gone: 4 expected (4.28…), 2 done
  equal(goalPace(weekly(2), 'count', at('2025-11-23T05:00:00Z')).behind, 2);
  equal(goalPace(weekly(2), 'count', at('2025-11-23T05:00:00Z')).status, 'behind');
  // at the start nothing is expected yet
  equal(goalPace(weekly(0), 'count', at('2025-11-17T05:00:00Z')).status, 'on_track');
  // before the period began (clock skew) the share is 0, after it ended 1
  equal(goalPace(weekly(0), 'count', at('2025-11-10T00:00:00Z')).share, 0);
  equal(goalPace(weekly(1), 'count', at('2025-12-01T00:00:00Z')), { status: 'behind', expected: 5, behind: 4, share: 1 });
});

test('a reached goal is done; a mean, an "at most" or a goal without an end has no pace', () => {
  equal(goalPace(weekly(5), 'count', at('2025-11-18T00:00:00Z')).status, 'done');
  equal(goalPace(weekly(0.7, 0.8, { comparison: 'gte' }), 'fraction', at('2025-11-20T00:00:00Z')).status, 'open');
  equal(goalPace(weekly(3, 5, { comparison: 'lte' }), 'count', at('2025-11-20T00:00:00Z')).status, 'open');
  equal(goalPace(weekly(30, 100, { ends_at: null }), 'count', at('2025-11-20T00:00:00Z')).status, 'open');
  equal(goalPace(weekly(60, 120), 'minutes', at('2025-11-20T17:00:00Z')), { status: 'on_track', expected: 60, behind: 0, share: 0.5 });
});

test('the nearest goal is the open one closest to completion, a daily one winning a tie', () => {
  const a = { id: 'a', frequency: 'weekly', progress: 40, status: 'in_progress' };
  const b = { id: 'b', frequency: 'monthly', progress: 80, status: 'in_progress' };
  const c = { id: 'c', frequency: 'daily', progress: 80, status: 'in_progress' };
  const done = { id: 'd', frequency: 'daily', progress: 100, status: 'completed' };
  equal(nearestGoal([a, b, done]).id, 'b');
  equal(nearestGoal([a, b, c, done]).id, 'c');
  equal(nearestGoal([done, { ...b, progress: 100, status: 'completed', frequency: 'weekly' }]).id, 'd');
  equal(nearestGoal([{ ...b, progress: 100, status: 'completed' }]).id, 'b');
  equal(nearestGoal([]), null);
});

test('next up is a fading topic first, else the first knowledge gap, with why', () => {
  const graph = { available: true, knowledge_gaps: [{ concept: 'sets', mentions: 0, needed_by: ['functions', 'graphs'] }] };
  const fading = [{ name: 'sql joins', sessions: 6, last_studied: '2025-10-02', days_since: 27 }];
  equal(nextUp({ fading, knowledge_graph: graph }), {
    kind: 'fading',
    topic: 'sql joins',
    action: 'Review sql joins',
    why: 'Not studied for 27 days, after 6 sessions before.',
  });
  equal(nextUp({ fading: [], knowledge_graph: graph }), {
    kind: 'gap',
    topic: 'sets',
    action: 'Learn sets',
    why: 'Functions, graphs build on it, and you have not studied it yet.',
  });
  const once = { available: true, knowledge_gaps: [{ concept: 'loops', mentions: 1, needed_by: ['recursion'] }] };
  equal(nextUp({ fading: [], knowledge_graph: once }).why, 'Recursion builds on it, and you have studied it 1 time.');
  equal(nextUp({ fading: [], knowledge_graph: { available: false, knowledge_gaps: [] } }), null);
});

test('hours left in the learning day read as hours, or minutes in the last hour', () => {
  equal(formatHours(11.5), '11.5 h');
  equal(formatHours(3.04), '3 h');
  equal(formatHours(0.5), '30 min');
  equal(formatHours(0.001), '1 min');
});
