import { equal, test } from './harness.js';
import { frequencyWords, goalMetricWords, granularityUnit, plain, trendWords } from '/js/wording.js';

test('a value without words of its own reads as its id in plain words', () => {
  equal(plain('total_duration_minutes'), 'Total duration minutes');
  equal(goalMetricWords('new_metric'), { label: 'New metric', noun: 'new metric', hint: '' });
  equal(frequencyWords('yearly'), { label: 'Yearly', when: '' });
  equal(granularityUnit('fortnightly'), 'bucket');
});

test('granularities count in their bucket', () => {
  equal(granularityUnit('daily'), 'day');
  equal(granularityUnit('weekly'), 'week');
  equal(granularityUnit('monthly'), 'month');
});

test('trend words default to the metric label and two decimals', () => {
  equal(trendWords({ id: 'feedback', label: 'Feedback' }), { name: 'feedback', digits: 2 });
  equal(trendWords({ id: 'duration', label: 'Duration (min)' }), { name: 'minutes', digits: 2 });
  equal(trendWords({ id: 'engagement', label: 'Exchanges per session' }), { name: 'exchanges per session', digits: 3 });
});
