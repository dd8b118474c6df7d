// "What you have studied": per-topic progress in the period (sessions, last studied, trend between
// the halves of the period) and fading topics, from the topics answer's topic_progress and fading.

import { byId, fill, h, table } from './dom.js';
import { contract } from './contract.js';
import { int, localDate } from './format.js';
import { topicTrendWords } from './wording.js';

const SHORT = { month: 'short', day: 'numeric', year: 'numeric' };

export function renderMastery(answer) {
  byId('mastery-sub').textContent = `Sessions per topic, ${contract().periodText(answer.meta.period)}; the trend compares the later half with the earlier half`;
  renderProgressTable(answer.topic_progress ?? []);
  renderFading(answer.fading ?? []);
}

function renderProgressTable(rows) {
  const box = byId('mastery-table');
  if (!rows.length) {
    fill(box, h('p', { class: 'empty-note' }, 'No topics studied in this period yet.'));
    return;
  }
  fill(
    box,
    table(
      [
        { label: 'Topic', cls: 'name', cell: (t) => t.name },
        { label: 'Sessions', num: true, cell: (t) => int(t.sessions) },
        { label: 'Last studied', cell: (t) => h('time', { datetime: t.last_studied }, localDate(t.last_studied, SHORT)) },
        { label: 'Trend', cell: trendCell },
      ],
      rows,
      'Progress per topic'
    )
  );
}

function trendCell(t) {
  const w = topicTrendWords(t.trend);
  return h(
    'span',
    {
      class: `topic-trend trend-${t.trend}`,
      dataset: { trend: t.trend },
      title: `${int(t.earlier_sessions)} sessions in the earlier half, ${int(t.later_sessions)} in the later half`,
    },
    h('span', { 'aria-hidden': 'true' }, `${w.arrow} `),
    w.text
  );
}

function renderFading(list) {
  const box = byId('fading-list');
  if (!list.length) {
    fill(box, h('li', { class: 'empty-note' }, 'Nothing is fading: every topic you studied lately is fresh.'));
    return;
  }
  fill(
    box,
    list.map((f) =>
      h(
        'li',
        { dataset: { topic: f.name } },
        h('span', { class: 'fading-name' }, f.name),
        ` not studied for ${int(f.days_since)} days (last ${localDate(f.last_studied, SHORT)}, ${f.sessions === 1 ? '1 session' : `${int(f.sessions)} sessions`} before)`
      )
    )
  );
}
