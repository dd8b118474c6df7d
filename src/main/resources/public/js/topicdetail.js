// Topic drill-down: one topic's sessions and answer quality over the period, with its prerequisites
// and related concepts from the knowledge graph. Opened from the topics panel; the page's URL then
// carries ?topic=NAME (other parameters kept), so it can be shared, and Back closes it.

import { alpha, draw } from './charts.js';
import * as api from './api.js';
import { contract } from './contract.js';
import { byId, dlRow, fill, h } from './dom.js';
import { int, localDate, pct } from './format.js';

const PARAM = 'topic';
let periodOf = () => contract().defaultPeriod;
let seq = 0;
let returnFocus = null;

/** Wires the close button and the back button; {@code period} gives the selected period. */
export function setupTopicDetail(period) {
  periodOf = period;
  byId('topic-close').addEventListener('click', closeTopic);
  window.addEventListener('popstate', showFromUrl);
}

export const topicInUrl = () => new URLSearchParams(location.search).get(PARAM);

function urlWith(name) {
  const url = new URL(location.href);
  if (name == null) url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, name);
  return url.pathname + url.search + url.hash;
}

/** A link that opens a topic's view in place; a real URL, so it can be shared or opened in a new tab. */
export function topicLink(name, text = name) {
  return h(
    'a',
    {
      href: urlWith(name),
      class: 'topic-link',
      dataset: { topic: name },
      onclick: (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button) return;
        e.preventDefault();
        openTopic(name, e.currentTarget);
      },
    },
    text
  );
}

/** Opens {@code name}'s view and records it in the history (Back closes it). */
export function openTopic(name, from) {
  returnFocus = from ?? null;
  if (topicInUrl() !== name) history.pushState({ topic: name }, '', urlWith(name));
  show(name, true);
}

function closeTopic() {
  if (history.state?.topic) {
    history.back(); // the popstate handler hides the view
    return;
  }
  history.replaceState(null, '', urlWith(null));
  hide();
}

/** Shows the view the URL names (on load and on Back/Forward), or hides it. */
export function showFromUrl() {
  const name = topicInUrl();
  if (name) show(name, false);
  else hide();
}

/** Reloads the open view, e.g. for a new period. */
export function refreshTopic() {
  const name = topicInUrl();
  if (name && !byId('topic-detail').hidden) show(name, false);
}

function hide() {
  seq++;
  const panel = byId('topic-detail');
  if (panel.hidden) return;
  panel.hidden = true;
  document.documentElement.dataset.topic = '';
  if (returnFocus?.isConnected) returnFocus.focus();
  returnFocus = null;
}

async function show(name, focus) {
  const mine = ++seq;
  const panel = byId('topic-detail');
  panel.hidden = false;
  panel.setAttribute('aria-busy', 'true');
  byId('topic-detail-title').textContent = name;
  byId('topic-detail-sub').textContent = 'Loading…';
  if (focus) {
    byId('topic-detail-title').focus({ preventScroll: true });
    panel.scrollIntoView({ block: 'start' });
  }
  const period = periodOf();
  try {
    const answer = await api.get(`/api/analytics/topics/detail?${api.qs({ name, period })}`);
    if (mine !== seq) return;
    render(answer);
  } catch (e) {
    if (mine !== seq) return;
    if (!(e instanceof api.ApiError)) console.error('Learnlytics: the topic view failed', e);
    byId('topic-detail-sub').textContent =
      e.status === 404 ? `No topic named “${name}” has been studied yet.` : `This topic could not be loaded: ${e.message}.`;
    fill(byId('topic-stats'));
    fill(byId('topic-graph'));
    byId('topic-chart-box').hidden = true;
  } finally {
    if (mine === seq) panel.removeAttribute('aria-busy');
  }
}

function render(a) {
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
        'y-sessions': { position: 'left', beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: `Sessions per ${unit}` } },
        'y-quality': {
          position: 'right',
          min: 0,
          max: 1,
          grid: { drawOnChartArea: false },
          ticks: { callback: (v) => `${Math.round(v * 100)}%` },
          title: { display: true, text: 'Answer quality' },
        },
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
