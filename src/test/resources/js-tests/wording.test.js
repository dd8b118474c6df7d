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

test('the trend verdict is plain words; R² below 0.3 is too noisy to call', async () => {
  const { trendCall } = await import('/js/wording.js');
  equal(trendCall('improving', 0.1), 'too noisy to call');
  equal(trendCall('declining', 0.29), 'too noisy to call');
  equal(trendCall('improving', 0.3), 'likely rise');
  equal(trendCall('declining', 0.45), 'likely fall');
  equal(trendCall('improving', 0.6), 'clear rise');
  equal(trendCall('declining', 0.9), 'clear fall');
  equal(trendCall('stable', 0.7), 'clearly steady');
  equal(trendCall('stable', null), '');
});

test('a goal pace and a topic trend read as words; answer quality names its dimensions', async () => {
  const { ANSWER_QUALITY, paceWords, topicTrendWords } = await import('/js/wording.js');
  const value = (v) => `${v}`;
  equal(paceWords({ status: 'on_track' }, value, 40), 'on track');
  equal(paceWords({ status: 'behind', behind: 2 }, value, 40), '2 behind');
  equal(paceWords({ status: 'done' }, value, 100), 'reached');
  equal(paceWords({ status: 'open' }, value, 87.6), '88% of the way');
  equal(topicTrendWords('up'), { arrow: '▲', text: 'more lately' });
  equal(topicTrendWords('down').text, 'less lately');
  equal(topicTrendWords('flat').text, 'steady');
  for (const d of ['relevance', 'helpfulness', 'accuracy', 'clarity', 'engagement']) equal(ANSWER_QUALITY.includes(d), true);
});

test('why an insight: a sentence and readable numbers, never the rule or method text', async () => {
  const { whyRows, whySentence } = await import('/js/evidence.js');
  const anomaly = {
    metric: 'sessions', date: '2025-11-18', value: 6, baseline_median: 2, baseline_mad: 0.5, min_mad: 0.5,
    robust_z: 5.4, direction: 'high', threshold: 3.5, baseline_days: ['2025-11-11'], baseline_values: [2],
    rule: 'robust_z', min_observations: 4, method: 'robust z = 0.6745 * (x - median) / MAD ...',
  };
  equal(whySentence(anomaly), "The day's value was 6, against a typical 2 on the same weekday over the previous weeks.");
  const rows = whyRows(anomaly);
  equal(rows.some(([, v]) => v.includes('robust z')), false);
  equal(rows.some(([k]) => k === 'Rule' || k === 'Method' || k.includes('robust')), false);
  equal(rows.find(([k]) => k === 'Typical value')[1], '2');
  const gap = { concept: 'evolution', concept_mentions: 209, prerequisite: 'genetics', prerequisite_mentions: 0, relation: 'BUILDS_ON', strength: 0.91, learning_path: ['genetics', 'evolution'], path_next: 'genetics' };
  equal(whySentence(gap), 'Evolution builds on genetics, which you have mentioned 0 times.');
  equal(whyRows(gap).find(([k]) => k === 'Path')[1], 'genetics → evolution');
  const milestone = { metric: 'streak_days', threshold: 30, value: 31, previous_value: null, thresholds: [7, 14, 30], rule: 'fires once when previous_value < threshold <= value' };
  equal(whySentence(milestone), 'You reached 31, passing the mark of 30.');
  equal(whyRows(milestone), [['Mark passed', '30'], ['Value', '31']]);
  const trend = { metric: 'quality', current: 0.82, previous: 0.74, relative_change: 0.1081, threshold: 0.1, window: { days: 7 } };
  equal(whySentence(trend), 'Compared with the same time before: 0.82 against 0.74 over the last 7 days.');
  equal(whyRows(trend).find(([k]) => k === 'Change')[1], '+10.8%');
});
