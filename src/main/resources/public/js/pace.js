// The Today strip's judgements, as pure functions of the API's answers (tested in pace.test.js):
// which goal is nearest, whether it keeps pace with its period, and what to study next.

/** Units whose progress adds up over a period, so a share of the period expects a share of it. */
const ADDS_UP = new Set(['count', 'minutes']);

/**
 * The goal the strip shows: among goals not yet reached, the one closest to completion (highest
 * progress; a daily goal wins a tie); when every goal is reached, the daily one, else the first.
 */
export function nearestGoal(goals) {
  const open = goals.filter((g) => g.status !== 'completed' && (g.progress ?? 0) < 100);
  const daily = (g) => (g.frequency === 'daily' ? 1 : 0);
  if (open.length) {
    return [...open].sort((a, b) => (b.progress ?? 0) - (a.progress ?? 0) || daily(b) - daily(a))[0];
  }
  return goals.find((g) => g.frequency === 'daily') ?? goals[0] ?? null;
}

/**
 * Whether a goal keeps pace with its period at {@code nowMs}: a goal of "at least" a count or minutes
 * is expected to have the elapsed share of its target (whole units: 2.5 sessions expected means 2);
 * {@code behind} is how much is missing against that. Other goals (means, rates, "at most", goals
 * without an end) have no pace: {@code status} is then "done" or "open".
 * Returns {status: 'done'|'on_track'|'behind'|'open', expected, behind, share}.
 */
export function goalPace(goal, unit, nowMs) {
  const current = goal.current ?? 0;
  const reached = goal.status === 'completed' || (goal.progress ?? 0) >= 100;
  if (reached) return { status: 'done', expected: null, behind: 0, share: null };
  const start = Date.parse(goal.period_start ?? '');
  const end = Date.parse(goal.ends_at ?? '') + 1000; // ends_at is the period's last second
  if (goal.comparison !== 'gte' || !ADDS_UP.has(unit) || !Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return { status: 'open', expected: null, behind: 0, share: null };
  }
  const share = Math.min(1, Math.max(0, (nowMs - start) / (end - start)));
  const expected = Math.floor(goal.target * share);
  const behind = Math.max(0, expected - current);
  return { status: behind > 0 ? 'behind' : 'on_track', expected, behind, share };
}

/**
 * One suggestion of what to study next, with why: a fading topic (studied before, not lately) first,
 * else the first knowledge gap (a prerequisite of something studied); null when there is neither.
 */
export function nextUp(topics) {
  const fading = topics?.fading?.[0];
  if (fading) {
    const times = fading.sessions === 1 ? '1 session' : `${fading.sessions} sessions`;
    return {
      kind: 'fading',
      topic: fading.name,
      action: `Review ${fading.name}`,
      why: `Not studied for ${fading.days_since} days, after ${times} before.`,
    };
  }
  const graph = topics?.knowledge_graph;
  const gap = graph?.available ? graph.knowledge_gaps?.[0] : null;
  if (gap) {
    const studied = gap.mentions === 0 ? 'you have not studied it yet' : `you have studied it ${gap.mentions} ${gap.mentions === 1 ? 'time' : 'times'}`;
    return {
      kind: 'gap',
      topic: gap.concept,
      action: `Learn ${gap.concept}`,
      why: `${capitalizeFirst(gap.needed_by.join(', '))} ${gap.needed_by.length === 1 ? 'builds' : 'build'} on it, and ${studied}.`,
    };
  }
  return null;
}

const capitalizeFirst = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
