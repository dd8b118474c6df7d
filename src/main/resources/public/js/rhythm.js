// When do I learn best: sessions and answer quality by local hour of day and by weekday, from the
// hourly rollups of the selected period.

import { alpha, draw, qualityAxis, sessionsAxis } from './charts.js';
import { byId } from './dom.js';
import { contract } from './contract.js';
import { int, pct } from './format.js';

export function renderRhythm(answer) {
  const period = contract().periodText(answer.meta.period);
  const best = answer.best;
  byId('rhythm-sub').textContent = `Sessions by hour of day and by weekday, ${period} (${answer.meta.timezone})`;
  byId('rhythm-best').textContent = best ? `${best.text}.` : 'No sessions in this period yet.';
  const note = byId('rhythm-note');
  note.hidden = answer.hourly.complete;
  note.textContent = answer.hourly.note ?? '';
  drawOne(byId('rhythm-hours-chart'), answer.hours, 'hour', (l) => `${l}:00`);
  drawOne(byId('rhythm-days-chart'), answer.weekdays, 'weekday', (l) => l);
}

function drawOne(canvas, chart, what, name) {
  const [sessions, exchanges, quality] = chart.datasets;
  draw(canvas, {
    type: 'bar',
    data: {
      labels: chart.labels,
      datasets: [
        { ...sessions, backgroundColor: alpha(sessions.backgroundColor, 0.78), borderRadius: 3, maxBarThickness: 28, order: 2 },
        { ...quality, type: 'line', borderWidth: 2, spanGaps: true, pointRadius: 2, order: 1 },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 6 } },
        'y-sessions': sessionsAxis('Sessions'),
        'y-quality': qualityAxis(),
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => name(items[0].label),
            label: (ctx) =>
              ctx.dataset.yAxisID === 'y-quality'
                ? `Answer quality: ${ctx.raw == null ? 'no scores' : pct(ctx.raw)}`
                : `Sessions: ${int(ctx.raw)} (${int(exchanges.data[ctx.dataIndex])} exchanges)`,
          },
        },
      },
    },
  });
  const busy = chart.labels.map((l, i) => [name(l), sessions.data[i]]).filter(([, v]) => v > 0);
  canvas.setAttribute(
    'aria-label',
    `Sessions by ${what}: ${busy.length ? busy.map(([l, v]) => `${l} ${v}`).join(', ') : 'none'}.`
  );
}
