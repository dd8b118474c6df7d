// Unusual days (GET /api/analytics/anomalies) marked on a drawn chart: one extra point-only dataset
// per metric, red triangles on the flagged dates, whose tooltip spells out the evidence.

import { minutes } from './format.js';

const Chart = window.Chart;
const COLOR = '#DC2626';
const UNUSUAL = ' Unusual days: ';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The metrics the anomaly history judges (others, such as engagement, get no marks). */
export const ANOMALY_METRICS = ['sessions', 'exchanges', 'quality', 'duration'];

/** 'YYYY-MM-DD' → its weekday's name (a calendar date: no zone involved). */
export function weekday(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** A value as the tooltip says it: 72%, 9 min, or a count (to one decimal: a median can be 2.5). */
function number(metric, v) {
  if (metric === 'quality') return `${Math.round(v * 100)}%`;
  if (metric === 'duration') return minutes(v);
  return String(Math.round(v * 10) / 10);
}

/** The day's value with its noun: "6 sessions", "1 exchange", "Answer quality 98%", "45 min". */
function amount(metric, v) {
  const n = number(metric, v);
  if (metric === 'quality') return `Answer quality ${n}`;
  if (metric === 'exchanges') return `${n} ${v === 1 ? 'exchange' : 'exchanges'}`;
  if (metric === 'sessions') return `${n} ${v === 1 ? 'session' : 'sessions'}`;
  return n;
}

function spread(metric, a) {
  const s = Math.max(a.baseline_mad, a.min_mad);
  if (metric === 'quality') return `±${(Math.round(s * 1000) / 10).toString()} points`;
  if (metric === 'duration') return `±${minutes(s)}`;
  return `±${Math.round(s * 10) / 10}`;
}

/**
 * The evidence of one flagged day in plain words, one line each:
 * "6 sessions on a Monday; your usual Monday: 2 (±0.5)", then how unusual it is.
 */
export function anomalyWords(a) {
  const day = weekday(a.date);
  const usual = `your usual ${day}: ${number(a.metric, a.baseline_median)} (${spread(a.metric, a)})`;
  const how = a.direction === 'high' ? 'Unusually high' : 'Unusually low';
  const why =
    a.rule === 'rare_day_without_sessions'
      ? `no session on a ${day}, which you almost never skip`
      : `${Math.abs(a.robust_z).toFixed(1)} times the usual spread ${a.robust_z < 0 ? 'below' : 'above'} it, where ${a.threshold} counts as unusual`;
  const weeks = `compared with ${a.baseline_days.length} earlier ${day}s`;
  return [`${amount(a.metric, a.value)} on a ${day}; ${usual}`, `${how}: ${why} (${weeks})`];
}

/** The flagged entries placed on the chart's dates: an array parallel to {@code dates}. */
export function placed(dates, anomalies) {
  const byDate = new Map(anomalies.map((a) => [a.date, a]));
  return dates.map((d) => byDate.get(d) ?? null);
}

/**
 * Adds the unusual days of {@code anomalies} to the chart drawn on {@code canvas} (drawn for
 * {@code dates}, one label a day), on the y axis {@code yAxisID} when given. Idempotent per metric.
 */
export function markAnomalies(canvas, dates, anomalies, yAxisID) {
  const chart = Chart.getChart(canvas);
  if (!chart || !dates) return null;
  const metric = anomalies[0]?.metric;
  chart.data.datasets = chart.data.datasets.filter((d) => !d.anomalies || d.anomalyMetric !== metric);
  const at = placed(dates, anomalies);
  if (!metric || at.every((a) => a == null)) {
    chart.update();
    return chart;
  }
  chart.data.datasets.push({
    type: 'line',
    label: `Unusual day: ${metric}`,
    data: at.map((a) => (a == null ? null : a.value)),
    anomalies: at,
    anomalyMetric: metric,
    ...(yAxisID ? { yAxisID } : {}),
    showLine: false,
    pointStyle: 'triangle',
    pointRadius: 7,
    pointHoverRadius: 9,
    borderColor: COLOR,
    backgroundColor: COLOR,
    order: 0,
  });
  explainInTooltip(chart);
  chart.update();
  describe(canvas, chart);
  return chart;
}

/** Screen readers get the marked days in the canvas's label, after what the chart says. */
function describe(canvas, chart) {
  const base = (canvas.getAttribute('aria-label') ?? '').split(UNUSUAL)[0];
  const words = chart.data.datasets
    .filter((d) => d.anomalies)
    .flatMap((d) => d.anomalies.filter(Boolean).map((a) => `${a.date}: ${anomalyWords(a)[0]}`));
  canvas.setAttribute('aria-label', words.length ? `${base}${UNUSUAL}${words.join('; ')}.` : base);
}

/** Tooltips skip the empty points of the marks and show the evidence of a marked day. */
function explainInTooltip(chart) {
  // the options as given (not the resolved proxy in chart.options), re-read by chart.update()
  const options = chart.config.options;
  options.plugins ??= {};
  options.plugins.tooltip ??= {};
  const tooltip = options.plugins.tooltip;
  if (tooltip.anomalyAware) return;
  const base = tooltip.callbacks?.label;
  const baseFilter = tooltip.filter;
  tooltip.anomalyAware = true;
  tooltip.filter = (item, ...rest) =>
    item.dataset.anomalies ? item.raw != null : baseFilter ? baseFilter(item, ...rest) : true;
  tooltip.callbacks = {
    ...tooltip.callbacks,
    label: (ctx) => {
      const a = ctx.dataset.anomalies?.[ctx.dataIndex];
      if (a) return anomalyWords(a);
      return base ? base(ctx) : `${ctx.dataset.label}: ${ctx.formattedValue}`;
    },
  };
}
