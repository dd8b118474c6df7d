// Topics: the mention doughnut, top topics, trending topics and the knowledge-graph summary.

import { SURFACE, draw } from './charts.js';
import { get } from './api.js';
import { byId, fill, h, table } from './dom.js';
import { contract } from './contract.js';
import { int, localDate, pct, signedPercent } from './format.js';
import { openTopic, topicLink } from './topicdetail.js';

export function renderTopics(answer) {
  const period = answer.meta.period;
  byId('topics-sub').textContent = `What you studied, ${contract().periodText(period)}`;
  const chart = answer.distribution.chart;
  const ds = chart.datasets[0] ?? { data: [], backgroundColor: [] };
  const colors = new Map(chart.labels.map((l, i) => [l, ds.backgroundColor[i]]));
  const canvas = byId('topics-chart');
  draw(canvas, doughnut(chart));
  canvas.closest('.chart-box').querySelector('.chart-empty').hidden = chart.labels.length > 0;
  canvas.setAttribute(
    'aria-label',
    chart.labels.length
      ? `Doughnut chart of topic mentions: ${chart.labels.map((l, i) => `${l} ${ds.data[i]}`).join(', ')}.`
      : 'Doughnut chart of topic mentions: no topics in this period.'
  );
  renderTop(answer.top_topics, colors);
  renderTrending(answer.trending);
  renderGraph(answer.knowledge_graph);
  fill(byId('topic-options'), answer.top_topics.map((t) => h('option', { value: t.name })));
}

function doughnut(chart) {
  return {
    type: 'doughnut',
    data: {
      labels: chart.labels,
      datasets: chart.datasets.map((d) => ({ ...d, borderColor: SURFACE, borderWidth: 2, hoverOffset: 6 })),
    },
    options: {
      cutout: '62%',
      // a slice opens its topic (the table beside it has the same topics as keyboard links)
      onClick: (_e, elements) => elements.length && openTopic(chart.labels[elements[0].index]),
      onHover: (e, elements) => {
        e.native.target.style.cursor = elements.length ? 'pointer' : '';
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => ` ${ctx.label}: ${int(ctx.raw)} mentions` } },
      },
    },
  };
}

function renderTop(top, colors) {
  const box = byId('top-topics');
  if (!top.length) {
    fill(box, h('p', { class: 'empty-note' }, 'No topics in this period yet.'));
    return;
  }
  fill(
    box,
    table(
      [
        {
          label: 'Topic',
          cls: 'name',
          cell: (t) => [h('span', { class: 'swatch', style: `background:${colors.get(t.name) ?? '#cbd5e1'}`, 'aria-hidden': 'true' }), topicLink(t.name)],
        },
        { label: 'Mentions', num: true, cell: (t) => int(t.mentions) },
        { label: 'Sessions', num: true, cls: 'hide-narrow', cell: (t) => int(t.sessions) },
        { label: 'Quality', num: true, cell: (t) => pct(t.quality) },
      ],
      top,
      'Top topics'
    )
  );
}

function renderTrending(trending) {
  const list = byId('trending');
  if (!trending.length) {
    fill(list, h('li', { class: 'empty-note' }, 'Nothing is trending right now.'));
    return;
  }
  fill(
    list,
    trending.slice(0, 6).map((t) =>
      h(
        'li',
        {},
        h(
          'div',
          {},
          h('p', { class: 'topic-name' }, topicLink(t.name)),
          h(
            'p',
            { class: 'topic-sub' },
            t.is_new
              ? `${int(t.mentions)} mentions · first seen ${localDate(t.first_seen, { month: 'short', day: 'numeric' })}`
              : t.growth == null
                ? `${int(t.mentions)} mentions · back after a pause (first seen ${localDate(t.first_seen, { month: 'short', day: 'numeric', year: 'numeric' })})`
                : `${int(t.mentions)} mentions, up from ${int(t.previous_mentions)}`
          )
        ),
        t.is_new
          ? h('span', { class: 'badge badge-new' }, 'New')
          : t.growth == null
            ? h('span', { class: 'badge' }, 'Back')
            : h('span', { class: `growth${t.growth < 0 ? ' down' : ''}` }, signedPercent(t.growth))
      )
    )
  );
}

function renderGraph(g) {
  byId('graph-backend').textContent = g.backend === 'neo4j' ? 'from Neo4j' : '';
  const gaps = byId('graph-gaps');
  const path = byId('graph-path');
  path.hidden = true;
  if (!g.available) {
    byId('knowledge-graph').textContent = `The knowledge graph is unavailable right now (${g.error}). Everything else is up to date.`;
    fill(gaps);
    byId('graph-clusters').textContent = '';
    return;
  }
  const strongest = g.strongest_connections?.[0];
  const rel = strongest
    ? ` Strongest link: ${strongest.source} ${relationWords(strongest.type)} ${strongest.target} (${strongest.strength.toFixed(2)}).`
    : '';
  const cov = g.coverage;
  const threshold = contract().topics.known_mentions;
  const known = cov.total_concepts ? ` You know ${int(cov.known)} of them (${cov.percent}%): ${threshold} mentions or more.` : '';
  byId('knowledge-graph').textContent =
    `${int(g.total_concepts)} concepts, ${int(g.total_relationships)} connections.${known}${rel}`;
  fill(
    gaps,
    g.knowledge_gaps.map((gap) =>
      h(
        'li',
        {},
        h('span', { class: 'gap-name' }, gap.mentions > 0 ? topicLink(gap.concept) : gap.concept),
        ` ${gap.mentions === 0 ? 'never studied' : `studied ${gap.mentions}×`}, needed for ${gap.needed_by.join(', ')} `,
        h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => showPath(gap.needed_by[0]) },
          `Path to ${gap.needed_by[0]}`
        )
      )
    )
  );
  byId('graph-clusters').textContent = g.clusters.length
    ? `Clusters: ${g.clusters.map((c) => `${c.hub} (${int(c.size)})`).join(', ')}.`
    : '';
}

/** BUILDS_ON → "builds on". */
export const relationWords = (type) => type.toLowerCase().replaceAll('_', ' ');

async function showPath(concept) {
  const list = byId('graph-path');
  list.hidden = false;
  fill(list, h('li', {}, `Finding a path to ${concept}…`));
  try {
    const p = await get(`/api/analytics/topics/path?to=${encodeURIComponent(concept)}`);
    fill(
      list,
      p.steps.map((s) =>
        h('li', { class: s.known ? 'known' : s.concept === p.next ? 'next' : '' },
          s.concept, s.known ? ' ✓' : s.concept === p.next ? ' ← start here' : '')
      )
    );
    list.setAttribute('aria-label', `Learning path to ${concept}`);
  } catch (e) {
    fill(list, h('li', {}, e.message));
  }
}
