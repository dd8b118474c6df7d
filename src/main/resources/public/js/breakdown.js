// What lies under the averages, loaded when the learner opens it: answer quality by dimension (a
// radar against the previous period), feedback by kind (bars), and learning velocity (topics first
// studied and mastered per week). Each follows the period selected while open.

import * as api from './api.js';
import { draw } from './charts.js';
import { contract } from './contract.js';
import { byId } from './dom.js';
import { int, pct } from './format.js';

let period = () => '30d';

const PARTS = {
  'quality-details': { url: (p) => `/api/analytics/quality?${api.qs({ period: p })}`, render: renderQuality },
  'velocity-details': { url: (p) => `/api/analytics/velocity?${api.qs({ period: p })}`, render: renderVelocity },
};

/** Called each time a part is opened: loads it for the period selected now. */
export function openPart(id, currentPeriod) {
  period = currentPeriod;
  load(id);
}

/** Reloads the open parts for the period now selected. */
export function refreshBreakdowns() {
  for (const id of Object.keys(PARTS)) {
    if (byId(id).open) load(id);
  }
}

async function load(id) {
  const details = byId(id);
  const status = details.querySelector('.breakdown-status');
  const asked = period();
  status.textContent = 'Loading…';
  try {
    const answer = await api.get(PARTS[id].url(asked));
    if (asked !== period()) return; // a newer period's load is on its way
    PARTS[id].render(answer);
    status.textContent = `${id === 'velocity-details' ? 'Per week' : 'Against the period before'}, ${contract().periodText(asked)}.`;
  } catch (e) {
    status.textContent = `Could not load this: ${e instanceof api.ApiError ? e.message : 'the page failed'}.`;
    if (!(e instanceof api.ApiError)) console.error(`Learnlytics: ${id} failed`, e);
  }
}

/** Solid bars (so they can be held to 3:1 against the panel) in the answer's colours. */
const solid = (datasets) => datasets.map((d) => ({ ...d, backgroundColor: d.borderColor, borderRadius: 3, maxBarThickness: 28 }));

function renderQuality(a) {
  draw(byId('quality-radar'), {
    type: 'radar',
    data: { labels: a.radar.labels, datasets: a.radar.datasets.map((d) => ({ ...d, borderWidth: 2, pointRadius: 3, spanGaps: true })) },
    options: {
      scales: { r: { min: 0, max: 1, ticks: { stepSize: 0.25, callback: (v) => `${Math.round(v * 100)}%`, backdropColor: 'transparent' } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw == null ? 'no scores' : pct(ctx.raw)}` } },
      },
    },
  });
  draw(byId('feedback-chart'), {
    type: 'bar',
    data: { labels: a.feedback.labels, datasets: solid(a.feedback.datasets) },
    options: {
      scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${int(ctx.raw)}` } } },
    },
  });
  byId('quality-radar').setAttribute('aria-label', `Answer quality by dimension: ${a.dimensions.map((d) => `${d.name} ${pct(d.mean)}`).join(', ')}`);
  byId('feedback-chart').setAttribute('aria-label', `Feedback by kind: ${a.feedback.labels.map((l, i) => `${l} ${int(a.feedback.datasets[0].data[i])}`).join(', ')}`);
}

function renderVelocity(a) {
  draw(byId('velocity-chart'), {
    type: 'bar',
    data: { labels: a.chart.labels, datasets: solid(a.chart.datasets) },
    options: {
      scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { title: (items) => `Week of ${items[0].label}`, label: (ctx) => `${ctx.dataset.label}: ${int(ctx.raw)}` } },
      },
    },
  });
  byId('velocity-sum').textContent = `${int(a.new_topics)} new topics, ${int(a.mastered)} mastered (mentioned ${int(a.mastered_at_mentions)} times).`;
  byId('velocity-chart').setAttribute('aria-label', `Learning velocity: ${byId('velocity-sum').textContent}`);
}
