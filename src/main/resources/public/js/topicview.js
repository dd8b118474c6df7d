// Drawing one topic's view (see topicdetail.js, which loads this module on first use): totals, the
// sessions and answer quality chart, prerequisites and related concepts.

import { alpha, draw, qualityAxis, sessionsAxis } from './charts.js';
import { contract } from './contract.js';
import { byId, dlRow, fill, h } from './dom.js';
import { int, localDate, pct } from './format.js';
import { topicLink } from './topicdetail.js';

export function render(a) {
  const t = a.totals;
  const period = contract().periodText(a.meta.period);
  const unit = a.meta.granularity === 'weekly' ? 'week' : 'day';
  document.documentElement.dataset.topic = a.name;
  byId('topic-detail-sub').textContent = `Sessions per ${unit} and answer quality, ${period}`;
  fill(
    byId('topic-stats'),
    dlRow('Sessions', int(t.sessions)),
    dlRow('Mentions', int(t.mentions)),
    dlRow('Answer quality', pct(t.quality)),
    dlRow('Last studied', t.last_studied ? localDate(t.last_studied) : 'not in this period'),
    dlRow('Mentions, all time', int(t.mentions_ever))
  );
  const box = byId('topic-chart-box');
  box.hidden = false;
  const canvas = byId('topic-chart');
  draw(canvas, config(a.chart, unit));
  canvas.setAttribute(
    'aria-label',
    `Chart of ${a.name}: ${int(t.sessions)} sessions ${period}, answer quality ${pct(t.quality)}.`
  );
  renderGraph(a.name, a.graph);
}

function config(chart, unit) {
  const [sessions, quality] = chart.datasets;
  return {
    type: 'bar',
    data: {
      labels: chart.labels,
      datasets: [
        { ...sessions, backgroundColor: alpha(sessions.backgroundColor, 0.78), borderRadius: 4, maxBarThickness: 26, order: 2 },
        { ...quality, type: 'line', borderWidth: 2.5, spanGaps: true, pointRadius: 3, order: 1 },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        'y-sessions': sessionsAxis(`Sessions per ${unit}`),
        'y-quality': qualityAxis(),
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              ctx.dataset.yAxisID === 'y-quality'
                ? `Answer quality: ${ctx.raw == null ? 'no scores' : pct(ctx.raw)}`
                : `Sessions: ${int(ctx.raw)}`,
          },
        },
      },
    },
  };
}

const RELATION = {
  prerequisite: 'builds on it',
  builds_on_this: 'builds on this topic',
  related: 'related',
};

function renderGraph(name, g) {
  const studied = (s) => s.mentions > 0;
  const prereq = g.prerequisites.length
    ? h(
        'ol',
        { class: 'graph-path', 'aria-label': `Study before ${name}` },
        g.prerequisites.map((s) =>
          h('li', { class: s.known ? 'known' : '' }, studied(s) ? topicLink(s.concept) : s.concept, s.known ? ' ✓' : '')
        )
      )
    : h('p', { class: 'fine-print' }, g.available ? 'No prerequisites recorded.' : `The knowledge graph is unavailable right now (${g.error}).`);
  const related = g.related.length
    ? h(
        'ul',
        { class: 'topic-related', 'aria-label': `Related to ${name}` },
        g.related.map((r) => h('li', {}, topicLink(r.concept), h('span', { class: 'topic-relation' }, ` ${RELATION[r.relation] ?? r.relation}`)))
      )
    : h('p', { class: 'fine-print' }, 'No related concepts recorded.');
  fill(
    byId('topic-graph'),
    h('div', {}, h('h4', { class: 'subhead' }, 'Study first'), prereq),
    h('div', {}, h('h4', { class: 'subhead' }, 'Related concepts'), related)
  );
}
