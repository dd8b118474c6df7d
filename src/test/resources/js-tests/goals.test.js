import { equal, test } from './harness.js';
import { goalStatus } from '/js/goals.js';

const quality = (current, extra = {}) => ({
  comparison: 'gte',
  current,
  target: 0.8,
  status: 'in_progress',
  pace: current >= 0.8 ? 'on_track' : 'at_risk',
  ...extra,
});

test('a mean judged at the period end reads on track or at risk, with the value so far', () => {
  const met = goalStatus(quality(0.8112), 'fraction');
  equal(met.text, 'On track');
  equal(met.pace, 'on_track');
  equal(met.title.startsWith('So far 81'), true, met.title);
  equal(met.title.endsWith('judged when the period ends.'), true, met.title);
  const unmet = goalStatus(quality(0.6556), 'fraction');
  equal(unmet.text, 'At risk');
  equal(unmet.pace, 'at_risk');
  equal(unmet.title.includes('at least 80'), true, unmet.title);
});

test('a goal without a pace, or judged already, reads its status', () => {
  equal(goalStatus({ status: 'in_progress', pace: null, current: 2, target: 5 }, 'count'), {
    text: 'In progress',
    icon: null,
    pace: null,
    title: null,
  });
  equal(goalStatus(quality(0.9, { status: 'completed', pace: null }), 'fraction').text, 'Done');
  equal(goalStatus(quality(0.5, { status: 'failed', pace: null }), 'fraction').text, 'Missed');
});
