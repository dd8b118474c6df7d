import { equal, ok, test } from './harness.js';
import { anomalyWords, markAnomalies, placed, weekday } from '/js/anomalies.js';

const SESSIONS = {
  date: '2025-12-16',
  metric: 'sessions',
  value: 3,
  baseline_median: 1,
  baseline_mad: 0,
  min_mad: 0.5,
  robust_z: 2.698,
  direction: 'high',
  threshold: 3.5,
  baseline_days: ['2025-12-09', '2025-12-02', '2025-11-25', '2025-11-18'],
  rule: 'robust_z',
};

test('a calendar date names its weekday whatever the browser zone', () => {
  equal(weekday('2025-12-16'), 'Tuesday');
  equal(weekday('2024-02-29'), 'Thursday');
});

test('a flagged count day reads as the value, the usual value of that weekday and its spread', () => {
  const [first, second] = anomalyWords(SESSIONS);
  equal(first, '3 sessions on a Tuesday; your usual Tuesday: 1 (±0.5)');
  equal(second, 'Unusually high: 2.7 times the usual spread above it, where 3.5 counts as unusual (compared with 4 earlier Tuesdays)');
});

test('quality speaks in percent and points, duration in minutes, one exchange in the singular', () => {
  const q = { ...SESSIONS, metric: 'quality', value: 0.98, baseline_median: 0.72, baseline_mad: 0.015, min_mad: 0.03 };
  equal(anomalyWords(q)[0], 'Answer quality 98% on a Tuesday; your usual Tuesday: 72% (±3 points)');
  const d = { ...SESSIONS, metric: 'duration', value: 45, baseline_median: 9, baseline_mad: 7, min_mad: 5, direction: 'high' };
  equal(anomalyWords(d)[0], '45 min on a Tuesday; your usual Tuesday: 9 min (±7 min)');
  const e = { ...SESSIONS, metric: 'exchanges', value: 1, baseline_median: 20.5, direction: 'low' };
  equal(anomalyWords(e)[0], '1 exchange on a Tuesday; your usual Tuesday: 20.5 (±0.5)');
  ok(anomalyWords(e)[1].startsWith('Unusually low'), anomalyWords(e)[1]);
});

test('a skipped usual day says so instead of a score', () => {
  const none = { ...SESSIONS, value: 0, baseline_median: 2, robust_z: -2.7, direction: 'low', rule: 'rare_day_without_sessions' };
  equal(anomalyWords(none)[1], 'Unusually low: no session on a Tuesday, which you almost never skip (compared with 4 earlier Tuesdays)');
});

test('flagged days land on their dates of the chart, other dates stay empty', () => {
  const at = placed(['2025-12-15', '2025-12-16', '2025-12-17'], [SESSIONS]);
  equal(at.map((a) => a?.value ?? null), [null, 3, null]);
});

test('marks become a point-only dataset whose tooltip tells the evidence; marking again replaces them', () => {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const chart = new window.Chart(canvas, {
    type: 'line',
    data: { labels: ['a', 'b'], datasets: [{ label: 'Sessions', data: [1, 3] }] },
    options: { animation: false, plugins: { tooltip: { callbacks: { label: (c) => `S ${c.raw}` } } } },
  });
  markAnomalies(canvas, ['2025-12-15', '2025-12-16'], [SESSIONS], null);
  markAnomalies(canvas, ['2025-12-15', '2025-12-16'], [SESSIONS], null);
  equal(chart.data.datasets.length, 2);
  const marks = chart.data.datasets[1];
  equal(marks.data, [null, 3]);
  equal(marks.showLine, false);
  const tooltip = chart.config.options.plugins.tooltip;
  equal(tooltip.callbacks.label({ dataset: marks, dataIndex: 1, raw: 3 })[0], '3 sessions on a Tuesday; your usual Tuesday: 1 (±0.5)');
  equal(tooltip.callbacks.label({ dataset: chart.data.datasets[0], dataIndex: 0, raw: 1 }), 'S 1');
  equal(tooltip.filter({ dataset: marks, raw: null }), false);
  equal(tooltip.filter({ dataset: marks, raw: 3 }), true);
  equal(canvas.getAttribute('aria-label'), ' Unusual days: 2025-12-16: 3 sessions on a Tuesday; your usual Tuesday: 1 (±0.5).');
  chart.destroy();
  canvas.remove();
});
