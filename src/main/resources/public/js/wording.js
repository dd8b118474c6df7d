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
    label: 'Answer quality (0–1)',
    noun: 'answer quality',
    hint: 'A percentage from 1 to 100: 80 means the assistant’s answers averaged 80%.',
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

/** What "Answer quality" measures, in one line. */
export const ANSWER_QUALITY =
  'Scores the assistant’s answers on relevance, helpfulness, accuracy, clarity and engagement; not what you know.';

/**
 * The trend's verdict in plain words from its direction and R² (how much of the day-to-day
 * variation the line explains): below 0.3 the days vary too much to call a direction.
 */
export function trendCall(direction, r2) {
  if (r2 == null) return '';
  if (r2 < 0.3) return 'too noisy to call';
  const strength = r2 >= 0.6 ? 'clear' : 'likely';
  if (direction === 'improving') return `${strength} rise`;
  if (direction === 'declining') return `${strength} fall`;
  return strength === 'clear' ? 'clearly steady' : 'likely steady';
}

/**
 * A goal's pace in words (see pace.js goalPace): "on track", "2 behind", "reached", or its
 * progress when it has no pace; {@code value} formats an amount in the goal's unit.
 */
export function paceWords(pace, value, progress) {
  if (pace.status === 'done') return 'reached';
  if (pace.status === 'on_track') return 'on track';
  if (pace.status === 'behind') return `${value(pace.behind)} behind`;
  return `${Math.round(progress)}% of the way`;
}

const TOPIC_TRENDS = {
  up: { arrow: '▲', text: 'more lately' },
  down: { arrow: '▼', text: 'less lately' },
  flat: { arrow: '●', text: 'steady' },
};

/** A topic's trend (up, down, flat) between the halves of the period, in words. */
export const topicTrendWords = (id) => TOPIC_TRENDS[id] ?? { arrow: '●', text: plain(id).toLowerCase() };
