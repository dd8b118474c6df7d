// The page's words for the values of the API's contract. Which values exist, their units and their
// colours come from the server (contract.js); only wording lives here, and a value without words of
// its own still reads sensibly: its id in plain words.

import { capitalize } from './format.js';

/** "total_duration_minutes" → "Total duration minutes". */
export const plain = (id) => capitalize(String(id).replaceAll('_', ' '));

const GOAL_METRICS = {
  session_count: { label: 'Sessions in the period', noun: 'sessions' },
  exchange_count: { label: 'Exchanges in the period', noun: 'exchanges' },
  avg_quality_composite: {
    label: 'Average quality (0–1)',
    noun: 'average quality',
    hint: 'A percentage from 1 to 100: 80 means an average quality of 80%.',
  },
  total_duration_minutes: { label: 'Minutes learning', noun: 'of learning', hint: 'Minutes spent in sessions.' },
  unique_topics: { label: 'Different topics', noun: 'topics' },
  feedback_count: { label: 'Feedback given', noun: 'feedback events' },
  positive_feedback_rate: {
    label: 'Positive feedback rate (0–1)',
    noun: 'positive feedback',
    hint: 'A percentage from 1 to 100: 75 means 75% of feedback positive.',
  },
  correction_count: { label: 'Corrections', noun: 'corrections' },
  streak_days: { label: 'Streak (days)', noun: 'days in a row', hint: 'Consecutive days with at least one session.' },
  sessions_today: { label: 'Sessions today', noun: 'sessions', hint: 'Pair it with “Every day”.' },
  total_sessions: {
    label: 'Total sessions (all time)',
    noun: 'sessions',
    hint: 'Counts every session since you started: pair it with “Once (all time)”.',
  },
  total_exchanges: {
    label: 'Total exchanges (all time)',
    noun: 'exchanges',
    hint: 'Counts every exchange since you started: pair it with “Once (all time)”.',
  },
};

/** A goal metric's option text, the noun after its numbers, and an optional hint for the form. */
export function goalMetricWords(id) {
  const words = GOAL_METRICS[id] ?? {};
  return { label: words.label ?? plain(id), noun: words.noun ?? plain(id).toLowerCase(), hint: words.hint ?? '' };
}

const FREQUENCIES = {
  daily: { label: 'Every day', when: 'today' },
  weekly: { label: 'Every week', when: 'this week' },
  monthly: { label: 'Every month', when: 'this month' },
  one_time: { label: 'Once (all time)', when: 'in total' },
};

/** A goal frequency's option text and when its progress counts ("this week"). */
export function frequencyWords(id) {
  return FREQUENCIES[id] ?? { label: plain(id), when: '' };
}

/** The frequency the goal form starts with. */
export const PREFERRED_FREQUENCY = 'weekly';

const COMPARISONS = { gte: 'at least', lte: 'at most', eq: 'exactly' };

export const comparisonWords = (id) => COMPARISONS[id] ?? id;

const GOAL_STATUS = {
  completed: { text: 'Done', icon: 'check' },
  in_progress: { text: 'In progress', icon: null },
  failed: { text: 'Missed', icon: 'x' },
};

export const goalStatusWords = (status) => GOAL_STATUS[status] ?? { text: status, icon: null };

const GRANULARITY_UNITS = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };

/** The bucket a granularity counts in: "weekly" → "week". */
export const granularityUnit = (id) => GRANULARITY_UNITS[id] ?? 'bucket';

/** How the trend panel names a metric's daily values, and the decimals of its slope. */
const TREND = { duration: { name: 'minutes' }, sessions: { digits: 3 }, engagement: { digits: 3 } };

export function trendWords(metric) {
  const words = TREND[metric.id] ?? {};
  return { name: words.name ?? metric.label.toLowerCase(), digits: words.digits ?? 2 };
}
