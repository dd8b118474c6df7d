// "Why this insight?" in words: one sentence from the insight's evidence, then its numbers under
// readable labels. The rule and method texts the API keeps for auditing (rule, method, condition)
// and the detector's internals (robust z, floors) stay out: docs/api.md explains them.

import { capitalize } from './format.js';

const HIDDEN = new Set([
  'rule',
  'method',
  'condition',
  'basis',
  'robust_z',
  'min_mad',
  'min_observations',
  'direction',
  'previous_value',
  'metric',
  'relation',
  'path_next',
  'current_from',
  'current_to',
  'previous_from',
  'previous_to',
]);

const LABELS = {
  value: 'Value',
  threshold: 'Mark passed',
  streak_start: 'Streak started',
  concept: 'Topic you studied',
  concept_mentions: 'Its mentions',
  prerequisite: 'Builds on',
  prerequisite_mentions: 'Mentions of that',
  strength: 'Link strength (0–1)',
  source: 'Topic',
  target: 'Linked topic',
  source_mentions: 'Mentions of the topic',
  target_mentions: 'Mentions of the linked topic',
  peak_hour: 'Busiest hour',
  exchanges_at_peak: 'Exchanges in that hour',
  sessions_at_peak: 'Sessions in that hour',
  current: 'This period',
  previous: 'Period before',
  relative_change: 'Change',
  current_scores: 'Scores this period',
  previous_scores: 'Scores the period before',
  min_scores: 'Scores needed',
  min_previous: 'Needed the period before',
  correction_rate: 'Share of exchanges corrected',
  corrections: 'Corrections',
  exchanges: 'Exchanges',
  min_exchanges: 'Exchanges needed',
  topic: 'Topic',
  topic_quality: 'Answer quality on the topic',
  topic_scores: 'Scores on the topic',
  overall_quality: 'Answer quality overall',
  overall_scores: 'Scores overall',
  gap: 'Difference',
  min_gap: 'Difference that counts',
  date: 'Day',
  baseline_median: 'Typical value',
  baseline_mad: 'Usual spread (±)',
  baseline_days_without_sessions: 'Same weekdays without sessions',
  learning_path: 'Path',
};

const num = (v) => (typeof v === 'number' && !Number.isInteger(v) ? String(Math.round(v * 1000) / 1000) : String(v));
const windowText = (w) => (w && typeof w === 'object' && w.days ? `the last ${w.days} days` : 'the period');

/** One sentence saying what the numbers show, by the kind of evidence. */
export function whySentence(d) {
  if (d.baseline_median != null) {
    return `The day's value was ${num(d.value)}, against a typical ${num(d.baseline_median)} on the same weekday over the previous weeks.`;
  }
  if (d.prerequisite) {
    return `${capitalize(d.concept)} builds on ${d.prerequisite}, which you have mentioned ${num(d.prerequisite_mentions ?? 0)} times.`;
  }
  if (d.source && d.target) {
    return `${capitalize(d.source)} and ${d.target} came up together often enough to count as a strong link (${num(d.strength)} of 1).`;
  }
  if (d.peak_hour != null) {
    return `More of your sessions in ${windowText(d.window)} started at ${d.peak_hour}:00 than at any other hour.`;
  }
  if (d.relative_change != null) {
    return `Compared with the same time before: ${num(d.current)} against ${num(d.previous)} over ${windowText(d.window)}.`;
  }
  if (d.correction_rate != null) {
    return `${num(d.corrections)} of your ${num(d.exchanges)} exchanges in ${windowText(d.window)} were corrections.`;
  }
  if (d.topic_quality != null) {
    return `Answers on ${d.topic} scored lower than your answers overall in ${windowText(d.window)}.`;
  }
  if (d.threshold != null && d.value != null) {
    return `You reached ${num(d.value)}, passing the mark of ${num(d.threshold)}.`;
  }
  return 'These numbers led to this insight.';
}

/** The numbers: [label, value] pairs, readable labels, lists joined, no rule or method text. */
export function whyRows(d) {
  return Object.entries(d ?? {})
    .filter(([k]) => !HIDDEN.has(k))
    .filter(([k, v]) => v == null || typeof v !== 'object' || (Array.isArray(v) && k === 'learning_path'))
    .filter(([k, v]) => !(k === 'relative_change' && v == null))
    .map(([k, v]) => [LABELS[k] ?? capitalize(k.replaceAll('_', ' ')), label(k, v)]);
}

function label(key, v) {
  if (v == null) return '—';
  if (Array.isArray(v)) return v.join(' → ');
  if (key === 'relative_change' && typeof v === 'number') return `${v > 0 ? '+' : ''}${Math.round(v * 1000) / 10}%`;
  if (key === 'peak_hour') return `${v}:00–${(v + 1) % 24}:00`;
  return num(v);
}
