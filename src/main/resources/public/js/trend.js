// Trend chart: the daily series, its rolling mean and the least-squares line, with the verdict.

import { alpha, draw, pointRadius } from './charts.js';
import { byId, dlRow, fill, h, table } from './dom.js';
import { icon } from './icons.js';
import { contract } from './contract.js';
import { DASH, capitalize, int, localDate, valueIn } from './format.js';
import { trendCall, trendWords } from './wording.js';

/** How the panel shows a metric of the contract: name, value format, slope text and colour. */
export function trendMetric(metric) {
  const words = trendWords(metric);
  const fraction = metric.unit === 'fraction';
  const slope = fraction
    ? (s) => `${signed(s * 100, 2)} points per day`
    : (s) => `${signed(s, words.digits)} ${words.name} per day`;
  return { name: words.name, value: (v) => valueIn(metric.unit, v), slope, color: metric.color, fraction };
}

function signed(v, digits) {
  const s = Math.abs(v).toFixed(digits);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : s;
}

export function renderTrend(answer) {
  const m = trendMetric(contract().metric(answer.metric));
  const period = contract().periodText(answer.meta.period);
  // a series shorter than the period says why: it starts at the learner's first data
  const note = answer.meta.note ? `. ${answer.meta.note}` : '';
  byId('trend-sub').textContent = `Daily ${m.name} with a ${answer.window}-day rolling average, ${period}${note}`;
  const canvas = byId('trend-chart');
  draw(canvas, config(answer, m));
  renderVerdict(answer.trend, m, answer.window);
  canvas.setAttribute('aria-label', `Trend chart of daily ${m.name} over ${period}. ${verdictText(answer.trend, m)}`);
  const [daily, rolling] = answer.chart.datasets;
  fill(
    byId('trend-table'),
    table(
      [
        { label: 'Date', cell: (r) => localDate(r.date) },
        { label: daily.label, num: true, cell: (r) => m.value(r.d) },
        { label: rolling.label, num: true, cell: (r) => m.value(r.r) },
      ],
      answer.dates.map((date, i) => ({ date, d: daily.data[i], r: rolling.data[i] })),
      `Daily ${m.name} and rolling average`
    )
  );
}

function config(answer, m) {
  const { labels, datasets } = answer.chart;
  const [daily, rolling] = datasets;
  const sets = [
    {
      ...daily,
      borderColor: '#94a3b8',
      backgroundColor: '#94a3b8',
      borderWidth: 1,
      pointRadius: pointRadius(labels.length),
      spanGaps: false,
      order: 3,
    },
    {
      ...rolling,
      borderColor: m.color,
      backgroundColor: alpha(m.color, 0.12),
      fill: 'origin',
      borderWidth: 2.5,
      pointRadius: 0,
      tension: 0.3,
      spanGaps: true,
      order: 2,
    },
  ];
  const line = fittedLine(answer.trend, labels.length, m.fraction);
  if (line) {
    sets.push({
      label: 'Trend line',
      data: line,
      borderColor: '#0f172a',
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
      order: 1,
    });
  }
  return {
    type: 'line',
    data: { labels, datasets: sets },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 14 } },
        y: m.fraction
          ? { suggestedMin: 0.5, max: 1, ticks: { callback: (v) => `${Math.round(v * 100)}%` } }
          : { beginAtZero: true },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ${ctx.raw == null ? 'no data' : m.value(ctx.raw)}`,
          },
        },
      },
    },
  };
}

/**
 * The fitted line over n days, from its slope and its value 30 days after the last day; none when
 * the prediction was clamped at a bound (0, or 1 for a fraction), as the line would not end there.
 */
export function fittedLine(t, n, fraction) {
  if (t.slope == null || t.prediction_30d == null || n < 2) return null;
  const clamped = t.prediction_30d <= 0 || (fraction && t.prediction_30d >= 1);
  if (clamped) return null;
  return Array.from({ length: n }, (_, i) => t.prediction_30d - t.slope * (n - 1 + 30 - i));
}

const DIRECTION = {
  improving: { icon: 'trending-up', text: 'Improving' },
  declining: { icon: 'trending-down', text: 'Declining' },
  stable: { icon: 'arrow-right', text: 'Stable' },
};

function renderVerdict(t, m, window) {
  const d = DIRECTION[t.direction] ?? DIRECTION.stable;
  const box = byId('trend-verdict');
  if (t.slope == null) {
    fill(box, h('p', { class: 'muted' }, `Not enough days with ${m.name} data for a trend yet.`));
    return;
  }
  fill(
    box,
    h('span', { class: `verdict-chip ${t.direction}` }, icon(d.icon), d.text),
    h(
      'dl',
      { class: 'verdict-facts' },
      dlRow('Slope', m.slope(t.slope)),
      dlRow('How sure', capitalize(trendCall(t.direction, t.confidence))),
      dlRow('In 30 days', m.value(t.prediction_30d)),
      dlRow('Days with data', int(t.points))
    ),
    h(
      'details',
      { class: 'verdict-detail' },
      h('summary', {}, 'How this is judged'),
      h(
        'p',
        {},
        `R² = ${t.confidence.toFixed(2)}: the share of the day-to-day variation the fitted line explains. `,
        'From 0.6 the direction is clear, from 0.3 likely; below that the days vary too much to call it.'
      )
    )
  );
  box.dataset.direction = t.direction;
  box.title = `Rolling average over ${window} days; the line is a least-squares fit of the daily values.`;
}

function verdictText(t, m) {
  if (t.slope == null) return 'Not enough data for a trend yet.';
  const d = (DIRECTION[t.direction] ?? DIRECTION.stable).text;
  return `${d}, ${trendCall(t.direction, t.confidence) || DASH}: slope ${m.slope(t.slope)}, predicted ${m.value(t.prediction_30d)} in 30 days.`;
}
