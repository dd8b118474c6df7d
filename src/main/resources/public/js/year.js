// Year in review: shown with the 365-day period. Totals, the best streak, the top topics and the
// topics that moved most between the first and the second half of the year.

import { byId, fill, h } from './dom.js';
import { int, localDate, pct } from './format.js';
import { topicLink } from './topicdetail.js';

export const YEAR_PERIOD = '365d';

export function renderYear(answer, period) {
  const panel = byId('year');
  panel.hidden = period !== YEAR_PERIOD;
  const t = answer.totals;
  const s = answer.best_streak;
  const short = { month: 'short', day: 'numeric', year: 'numeric' };
  byId('year-sub').textContent = `${localDate(answer.from, short)} – ${localDate(answer.to, short)}`;
  fill(
    byId('year-totals'),
    tile('Sessions', int(t.sessions)),
    tile('Exchanges', int(t.exchanges)),
    tile('Hours learned', int(Math.round(t.minutes / 60))),
    tile('Days learned', int(t.days_learned)),
    tile('Best streak', s ? `${int(s.days)} ${s.days === 1 ? 'day' : 'days'}` : '—')
  );
  fill(
    byId('year-top'),
    answer.top_topics.length
      ? answer.top_topics.map((x) => h('li', {}, topicLink(x.name), ` · ${int(x.sessions)} sessions, answer quality ${pct(x.quality)}`))
      : h('li', { class: 'empty-note' }, 'No topics this year yet.')
  );
  const half = localDate(answer.second_half_from, short);
  const improved = answer.most_improved;
  const growing = answer.fastest_growing;
  fill(
    byId('year-moves'),
    h(
      'li',
      {},
      'Most improved: ',
      improved
        ? [topicLink(improved.name), `, answer quality ${pct(improved.before)} → ${pct(improved.after)}`]
        : 'no topic had enough scored answers in both halves to compare'
    ),
    h(
      'li',
      {},
      'Fastest growing: ',
      growing ? [topicLink(growing.name), `, ${int(growing.before)} → ${int(growing.after)} sessions`] : 'no topic grew'
    )
  );
  byId('year-basis').textContent = `Halves compared: before and from ${half}.`;
}

function tile(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
