// Progress chart: sessions (bars, left axis) and answer quality (line, right axis).

import { alpha, draw, pointRadius, qualityAxis, sessionsAxis } from './charts.js';
import { byId, dlRow, fill, table } from './dom.js';
import { contract } from './contract.js';
import { dec, int, localDate, pct } from './format.js';
import { granularityUnit } from './wording.js';

export function renderProgress(answer) {
  const { chart, dates, statistics, meta } = answer;
  const unit = granularityUnit(meta.granularity);
  const period = contract().periodText(meta.period);
  const sessions = chart.datasets.find((d) => d.yAxisID === 'y-sessions') ?? chart.datasets[0];
  const quality = chart.datasets.find((d) => d.yAxisID === 'y-quality') ?? chart.datasets[1];
  const canvas = byId('progress-chart');
  draw(canvas, config(chart.labels, sessions, quality, unit));
  const total = statistics.sessions?.total ?? 0;
  canvas.closest('.chart-box').querySelector('.chart-empty').hidden = total > 0;
  byId('progress-sub').textContent =
    `Sessions per ${unit} (bars) and answer quality (line), ${period}`;
  canvas.setAttribute(
    'aria-label',
    `Chart of sessions per ${unit} and answer quality over ${period}: ` +
      `${int(total)} sessions, ${dec(statistics.sessions?.avg)} per ${unit} on average, ` +
      `answer quality ${pct(statistics.quality?.avg)}. The data is also available as a table below.`
  );
  fill(
    byId('progress-stats'),
    dlRow('Sessions', int(total)),
    dlRow(`Per ${unit}`, dec(statistics.sessions?.avg)),
    dlRow(`Busiest ${unit}`, int(statistics.sessions?.max)),
    dlRow('Answer quality', pct(statistics.quality?.avg)),
    dlRow('Quality range', rangeText(statistics.quality))
  );
  fill(byId('progress-table'), dataTable(chart.labels, dates, sessions, quality, unit));
}

function config(labels, sessions, quality, unit) {
  const radius = pointRadius(labels.length);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          ...sessions,
          type: 'bar',
          backgroundColor: alpha(sessions.borderColor ?? contract().metric('sessions').color, 0.78),
          hoverBackgroundColor: sessions.borderColor,
          borderRadius: 4,
          maxBarThickness: 26,
          order: 2,
        },
        {
          ...quality,
          type: 'line',
          backgroundColor: alpha(quality.borderColor ?? contract().metric('quality').color, 0.15),
          borderWidth: 2.5,
          tension: 0.35,
          spanGaps: true,
          pointRadius: radius,
          pointHoverRadius: radius + 2,
          order: 1,
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        'y-sessions': sessionsAxis(`Sessions per ${unit}`),
        'y-quality': qualityAxis({ beginAtZero: false, suggestedMin: 0.5 }),
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              ctx.dataset.yAxisID === 'y-quality'
                ? `Quality: ${ctx.raw == null ? 'no scores' : pct(ctx.raw)}`
                : `Sessions: ${int(ctx.raw)}`,
          },
        },
      },
    },
  };
}

function rangeText(q) {
  if (!q || q.min == null) return '—';
  return `${pct(q.min)} – ${pct(q.max)}`;
}

function dataTable(labels, dates, sessions, quality, unit) {
  const rows = labels.map((label, i) => ({ label, date: dates?.[i], s: sessions.data[i], q: quality.data[i] }));
  return table(
    [
      { label: unit === 'day' ? 'Date' : `${unit[0].toUpperCase()}${unit.slice(1)} starting`, cell: (r) => (r.date ? localDate(r.date) : r.label) },
      { label: 'Sessions', num: true, cell: (r) => int(r.s) },
      { label: 'Answer quality', num: true, cell: (r) => pct(r.q) },
    ],
    rows,
    'Sessions and answer quality'
  );
}
