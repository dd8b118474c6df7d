import { equal, ok, test } from './harness.js';
import { autoWindow, contractOf } from '/js/contract.js';
import { comparisonWords, frequencyWords, goalMetricWords, plain } from '/js/wording.js';

/** A small contract in the shape of GET /api/meta. */
const FIXTURE = {
  version: 'test',
  periods: [
    { id: '7d', days: 7 },
    { id: '30d', days: 30 },
    { id: '365d', days: 365 },
    { id: 'all', days: null },
  ],
  dashboard_periods: ['7d', '30d', '365d'],
  default_period: '30d',
  metrics: [
    { id: 'sessions', label: 'Sessions', color: '#4F46E5', unit: 'count' },
    { id: 'quality', label: 'Quality', color: '#10B981', unit: 'fraction' },
  ],
  progress_metrics: ['sessions', 'quality'],
  trend_metrics: ['quality', 'sessions'],
  trend_windows: [30, 7, 14],
  granularities: ['daily', 'weekly'],
  topics: { trending_days: 30, known_mentions: 3 },
  goals: {
    metrics: [{ id: 'avg_quality_composite', unit: 'fraction', topic_filter: true }],
    frequencies: ['weekly'],
    comparisons: ['gte'],
    types: ['custom'],
    default_color: '#4F46E5',
  },
  insights: { types: ['trend'], importances: ['high'] },
  exports: { formats: [{ id: 'csv', extension: 'zip' }], periods: ['30d', 'all'], sections: ['sessions'] },
};

/** The live contract of the real server the test site proxies. */
async function live() {
  const res = await fetch('/api/meta');
  ok(res.ok, `GET /api/meta answered ${res.status}`);
  return res.json();
}

test('periods read as the last N days, and the unbounded one as all time', () => {
  const c = contractOf(FIXTURE);
  equal(c.periodText('30d'), 'the last 30 days');
  equal(c.periodText('all'), 'all time');
  equal(c.previousText('7d'), 'previous 7 days');
  equal(c.periodLabel('365d'), '365 days');
  equal(c.longestPeriod(), '365d');
});

test('a period the contract does not know reads as its id', () => {
  const c = contractOf(FIXTURE);
  equal(c.periodText('14d'), '14d');
  equal(c.previousText('14d'), 'the previous period');
});

test('the automatic window is the widest of at most a quarter of the period, else the narrowest', () => {
  equal(autoWindow([7, 14, 30], 7), 7);
  equal(autoWindow([7, 14, 30], 30), 7);
  equal(autoWindow([7, 14, 30], 90), 14);
  equal(autoWindow([30, 7, 14], 365), 30);
  equal(autoWindow([7, 14, 30], null), 7, 'the unbounded period');
  equal(contractOf(FIXTURE).autoWindow('365d'), 30);
});

test('metrics keep the order and the colours the server gives', () => {
  const c = contractOf(FIXTURE);
  equal(c.trendMetrics.map((m) => m.id), ['quality', 'sessions']);
  equal(c.metric('quality').color, '#10B981');
  equal(c.metric('unknown').unit, 'count', 'an unknown metric still formats');
  equal(c.goalMetric('avg_quality_composite').unit, 'fraction');
  equal(c.goalMetric('unknown').topic_filter, false);
});

test('the live contract: every dashboard period is bounded and the default is one of them', async () => {
  const meta = await live();
  const c = contractOf(meta);
  ok(meta.dashboard_periods.includes(meta.default_period), `default ${meta.default_period}`);
  for (const id of meta.dashboard_periods) {
    ok(/^the last \d+ days$/.test(c.periodText(id)), `${id} reads "${c.periodText(id)}"`);
    ok(meta.trend_windows.includes(c.autoWindow(id)), `${id}: automatic window ${c.autoWindow(id)}`);
  }
  ok(meta.periods.some((p) => p.days == null), 'topics and exports take an unbounded period');
});

test('the live contract: every metric has a label, a colour and a unit the page formats', async () => {
  const meta = await live();
  for (const m of meta.metrics) {
    ok(m.label && /^#[0-9A-Fa-f]{6}$/.test(m.color), `${m.id}: label ${m.label}, colour ${m.color}`);
    ok(['count', 'fraction', 'minutes', 'ratio'].includes(m.unit), `${m.id}: unit ${m.unit}`);
  }
  const ids = meta.metrics.map((m) => m.id);
  for (const id of [...meta.trend_metrics, ...meta.progress_metrics]) ok(ids.includes(id), `${id} is described`);
});

test('the live contract: every goal choice has words of its own', async () => {
  const { goals } = await live();
  for (const m of goals.metrics) {
    const words = goalMetricWords(m.id);
    const own = words.label !== plain(m.id) || words.noun !== plain(m.id).toLowerCase();
    ok(own, `goal metric ${m.id} has words of its own in wording.js`);
    ok(['count', 'fraction', 'minutes'].includes(m.unit), `${m.id}: unit ${m.unit}`);
  }
  for (const f of goals.frequencies) ok(frequencyWords(f).when, `frequency ${f} says when`);
  for (const c of goals.comparisons) ok(comparisonWords(c) !== c, `comparison ${c} has words`);
  ok(/^#[0-9A-Fa-f]{6}$/.test(goals.default_color), `default colour ${goals.default_color}`);
});

test('the live contract: topic thresholds are whole numbers of days and mentions', async () => {
  const { topics } = await live();
  ok(Number.isInteger(topics.trending_days) && topics.trending_days > 0, `trending ${topics.trending_days}`);
  ok(Number.isInteger(topics.known_mentions) && topics.known_mentions > 0, `known ${topics.known_mentions}`);
});

test('the live contract: every export format names its file extension', async () => {
  const { exports } = await live();
  ok(exports.formats.length > 0, 'some formats');
  for (const f of exports.formats) ok(/^[a-z]+$/.test(f.extension), `${f.id}: .${f.extension}`);
});
