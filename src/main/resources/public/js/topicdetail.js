// Topic drill-down: one topic's sessions and answer quality over the period, with its prerequisites
// and related concepts from the knowledge graph. Opened from the topics panel; the page's URL then
// carries ?topic=NAME (other parameters kept), so it can be shared, and Back closes it. The view's
// drawing (topicview.js) is loaded the first time a topic is opened, not with the page.

import * as api from './api.js';
import { contract } from './contract.js';
import { byId, fill, h } from './dom.js';

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
    const [answer, view] = await Promise.all([
      api.get(`/api/analytics/topics/detail?${api.qs({ name, period })}`),
      import('./topicview.js'),
    ]);
    if (mine !== seq) return;
    view.render(answer);
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
