// Insights: ranked list with a "new" badge, dismiss, and marking them seen once they were on screen.

import * as api from './api.js';
import { byId, dlRow, fill, h, toast } from './dom.js';
import { icon } from './icons.js';
import { whyRows, whySentence } from './evidence.js';
import { capitalize, relative } from './format.js';

const SEEN_AFTER_MS = 4000;
const FIRST_SHOWN = 5; // on narrower screens; wide screens scroll the whole list

/** Wires the "show more" button of the insight list. */
export function setupInsights() {
  const button = byId('insights-more');
  button.addEventListener('click', () => {
    const list = byId('insight-list');
    const firstHidden = list.querySelector('.insight.extra');
    list.classList.remove('collapsed');
    button.hidden = true;
    button.setAttribute('aria-expanded', 'true');
    firstHidden?.querySelector('.dismiss')?.focus();
  });
}
let total = 0;
let observer = null;
let seenTimer = null;
let listOnScreen = false;

export function renderInsights(answer) {
  total = answer.total;
  const list = byId('insight-list');
  setNewCount(answer.new_since_last_visit);
  updateSub();
  if (!answer.insights.length) {
    fill(list, emptyItem());
  } else {
    fill(list, answer.insights.map((insight, i) => item(insight, i >= FIRST_SHOWN)));
  }
  const more = answer.insights.length - FIRST_SHOWN;
  const button = byId('insights-more');
  list.classList.toggle('collapsed', more > 0);
  button.hidden = more <= 0;
  button.textContent = more === 1 ? 'Show 1 more insight' : `Show ${more} more insights`;
  button.setAttribute('aria-expanded', 'false');
  watchSeen(answer.new_since_last_visit > 0);
}

function emptyItem() {
  return h(
    'li',
    { class: 'empty-note' },
    'No insights right now. They appear as your history grows: trends, milestones, recommendations and knowledge gaps.'
  );
}

function updateSub() {
  byId('insights-sub').textContent =
    total === 0 ? 'What stands out in your learning' : `${total} ${total === 1 ? 'insight' : 'insights'}, most important first`;
}

function setNewCount(n) {
  const badge = byId('insights-new');
  badge.hidden = !n;
  fill(badge, String(n), h('span', { class: 'visually-hidden' }, ' new since your last visit'));
  byId('insights-seen').hidden = !n;
}

function item(insight, extra) {
  const li = h('li', { class: `insight imp-${insight.importance}${extra ? ' extra' : ''}`, dataset: { id: insight.id } });
  const dismiss = h(
    'button',
    {
      type: 'button',
      class: 'icon-btn dismiss',
      title: 'Dismiss',
      'aria-label': `Dismiss insight: ${insight.title}`,
      onclick: () => dismissInsight(insight, li, dismiss),
    },
    icon('x')
  );
  li.append(
    h('span', { class: 'icon-bubble' }, icon(insight.icon)),
    h(
      'div',
      { class: 'insight-body' },
      h('h3', {}, insight.title, insight.is_new ? h('span', { class: 'badge badge-new' }, 'New') : null),
      h('p', { class: 'insight-desc' }, insight.description),
      h(
        'p',
        { class: 'insight-meta' },
        h('span', { class: 'badge badge-type' }, capitalize(insight.type)),
        h('span', { class: `badge badge-${insight.importance}` }, `${capitalize(insight.importance)} importance`),
        h('time', { datetime: insight.generated_at }, relative(insight.generated_at))
      ),
      evidence(insight.data)
    ),
    dismiss
  );
  return li;
}

/** The evidence behind an insight, behind a disclosure: a sentence, then the numbers. */
function evidence(data) {
  const rows = whyRows(data);
  if (!data || !Object.keys(data).length) return null;
  return h(
    'details',
    { class: 'data-table why' },
    h('summary', {}, 'Why this insight?'),
    h('p', { class: 'why-sentence' }, whySentence(data)),
    rows.length ? h('dl', { class: 'mini-stats why-list' }, rows.map(([k, v]) => dlRow(k, v))) : null
  );
}

async function dismissInsight(insight, li, button) {
  button.disabled = true;
  try {
    await api.post(`/api/analytics/insights/${encodeURIComponent(insight.id)}/dismiss`, undefined);
  } catch (e) {
    button.disabled = false;
    toast(`Could not dismiss the insight: ${e.message}`);
    return;
  }
  const next = li.nextElementSibling ?? li.previousElementSibling;
  li.classList.add('removing');
  const remove = () => {
    if (!li.isConnected) return;
    li.remove();
    total = Math.max(0, total - 1);
    updateSub();
    const list = byId('insight-list');
    if (!list.querySelector('.insight')) fill(list, emptyItem());
    const focusTarget = next?.isConnected ? next.querySelector('.dismiss') : null;
    (focusTarget ?? byId('insights-title')).focus?.();
  };
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (reduced) remove();
  else setTimeout(remove, 260);
  toast(`Insight dismissed: ${insight.title}`);
}

/** Marks insights seen after the list has been on screen for a few seconds; badges stay for this visit. */
function watchSeen(hasNew) {
  observer?.disconnect();
  observer = null;
  clearTimeout(seenTimer);
  listOnScreen = false;
  if (!hasNew || !('IntersectionObserver' in window)) return;
  observer = new IntersectionObserver(
    (entries) => {
      // "On screen" = at least the first insight or so is visible, however long the list is.
      listOnScreen = entries.some(
        (e) => e.isIntersecting && e.intersectionRect.height >= Math.min(120, e.boundingClientRect.height)
      );
      startSeenTimer();
    },
    { threshold: [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1] }
  );
  observer.observe(byId('insight-list'));
}

function startSeenTimer() {
  clearTimeout(seenTimer);
  if (observer && listOnScreen && document.visibilityState === 'visible') {
    seenTimer = setTimeout(() => markSeen(false), SEEN_AFTER_MS);
  }
}

document.addEventListener('visibilitychange', startSeenTimer);

export async function markSeen(clearBadges) {
  observer?.disconnect();
  observer = null;
  clearTimeout(seenTimer);
  try {
    await api.post('/api/analytics/insights/seen', undefined);
  } catch (e) {
    if (clearBadges) toast(`Could not mark insights as read: ${e.message}`);
    return;
  }
  if (clearBadges) {
    byId('insight-list').querySelectorAll('.badge-new').forEach((b) => b.remove());
    setNewCount(0);
    byId('insights-title').focus?.();
    toast('All insights marked as read');
  }
}
