import { equal, test } from './harness.js';
import { fittedLine, trendMetric } from '/js/trend.js';

const QUALITY = { id: 'quality', label: 'Quality', color: '#10B981', unit: 'fraction' };
const DURATION = { id: 'duration', label: 'Duration (min)', color: '#EC4899', unit: 'minutes' };

test('the fitted line ends 30 days before its prediction, one step of slope a day', () => {
  equal(fittedLine({ slope: 0.5, prediction_30d: 20 }, 3, false), [4, 4.5, 5]);
});

test('no fitted line without a slope, with too few days, or with a clamped prediction', () => {
  equal(fittedLine({ slope: null, prediction_30d: 3 }, 10, false), null);
  equal(fittedLine({ slope: 1, prediction_30d: 3 }, 1, false), null);
  equal(fittedLine({ slope: -1, prediction_30d: 0 }, 10, false), null, 'clamped at 0');
  equal(fittedLine({ slope: 0.01, prediction_30d: 1 }, 10, true), null, 'a fraction clamped at 1');
  equal(fittedLine({ slope: 0.01, prediction_30d: 1 }, 2, false)?.length, 2, 'counts go past 1');
});

test('a fraction trend speaks in points per day and shows percentages', () => {
  const m = trendMetric(QUALITY);
  equal(m.name, 'quality');
  equal(m.slope(0.0012), '+0.12 points per day');
  equal(m.value(0.8), '80%');
  equal(m.fraction, true);
  equal(m.color, '#10B981');
});

test('a minutes trend speaks in minutes per day with a real minus sign', () => {
  const m = trendMetric(DURATION);
  equal(m.name, 'minutes');
  equal(m.slope(-1.5), '−1.50 minutes per day');
  equal(m.value(75), '1 h 15 min');
  equal(m.fraction, false);
});
