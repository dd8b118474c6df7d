import { equal, test } from './harness.js';
import { alpha, pointRadius } from '/js/charts.js';

test('alpha turns a hex colour into rgba', () => {
  equal(alpha('#4F46E5', 0.5), 'rgba(79, 70, 229, 0.5)');
  equal(alpha('#000000', 1), 'rgba(0, 0, 0, 1)');
});

test('long series get smaller point markers, then none', () => {
  equal(pointRadius(30), 3);
  equal(pointRadius(90), 1.5);
  equal(pointRadius(365), 0);
});
