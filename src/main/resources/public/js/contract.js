// The API's contract as the server states it (GET /api/meta): the periods, metrics, trend windows,
// topic thresholds, goal choices and export formats its routes accept, with the metrics' labels, colours and units.
// The page offers exactly these values and keeps no copy of its own, so a value added or removed on
// the server shows up here without a change to the page.

import * as api from './api.js';

let current = null;

/** Fetches the contract (revalidated against the server's ETag, so usually a bodyless 304). */
export async function load() {
  current = contractOf(await api.get('/api/meta', { cache: 'no-cache' }));
  return current;
}

/** The contract load() fetched; the page only renders once it is there. */
export function contract() {
  return current;
}

/** Wraps the body of GET /api/meta in the questions the page asks of it. */
export function contractOf(meta) {
  const periods = new Map(meta.periods.map((p) => [p.id, p]));
  const metrics = new Map(meta.metrics.map((m) => [m.id, m]));
  const goalMetrics = new Map(meta.goals.metrics.map((m) => [m.id, m]));
  const metric = (id) => metrics.get(id) ?? { id, label: id, color: '#64748b', unit: 'count' };
  return {
    version: meta.version,
    dashboardPeriods: meta.dashboard_periods,
    defaultPeriod: meta.default_period,
    periodText: (id) => periodText(periods.get(id), id),
    previousText: (id) => previousText(periods.get(id)),
    periodLabel: (id) => periodLabel(periods.get(id), id),
    longestPeriod: () => longest(meta.dashboard_periods.map((id) => periods.get(id))),
    metric,
    trendMetrics: meta.trend_metrics.map(metric),
    trendWindows: meta.trend_windows,
    topics: meta.topics,
    autoWindow: (id) => autoWindow(meta.trend_windows, periods.get(id)?.days),
    goals: meta.goals,
    goalMetric: (id) => goalMetrics.get(id) ?? { id, unit: 'count', topic_filter: false },
    exportFormats: meta.exports.formats,
  };
}

/** "the last 30 days", or "all time" for the period without a bound. */
function periodText(p, id) {
  if (!p) return id;
  return p.days == null ? 'all time' : `the last ${p.days} days`;
}

function previousText(p) {
  return p?.days == null ? 'the previous period' : `previous ${p.days} days`;
}

/** The period picker's word for a period: "30 days". */
function periodLabel(p, id) {
  if (!p) return id;
  return p.days == null ? 'All time' : `${p.days} days`;
}

function longest(periods) {
  return periods.reduce((a, b) => (b.days > a.days ? b : a)).id;
}

/**
 * The rolling window that suits a period unless the learner picked one: the widest window of at
 * most a quarter of the period (so the average still moves within it), else the narrowest.
 */
export function autoWindow(windows, days) {
  const sorted = [...windows].sort((a, b) => a - b);
  const fitting = sorted.filter((w) => days != null && w * 4 <= days);
  return fitting.length ? fitting[fitting.length - 1] : sorted[0];
}
