import { equal, test } from './harness.js';
import { runs } from '/js/heatmap.js';

test('runs counts learning days, the longest run and the current one', () => {
  equal(runs([1, 0, 2, 3, 1]), { days: 4, longest: 3, current: 3 });
  equal(runs([2, 2, 0, 1]), { days: 3, longest: 2, current: 1 });
});

test('today without a session yet keeps the run that ended yesterday', () => {
  equal(runs([1, 0, 2, 3, 0]), { days: 3, longest: 2, current: 2 });
});

test('no learning days means no runs', () => {
  equal(runs([0, 0, 0]), { days: 0, longest: 0, current: 0 });
  equal(runs([]), { days: 0, longest: 0, current: 0 });
});
