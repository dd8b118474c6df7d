-- Analytics tables of the specification, with its known errors fixed (DESIGN.md §6).
-- Instants are UTC epoch milliseconds; local dates are ISO text in the learner's zone.

-- One row per bucket and level, keyed by the bucket's UTC start instant (item 1: a DATE key cannot
-- hold 24 hourly rows, nor the two 01:00 hours of a fall-back day). One column per metric of the
-- spec's AggregatedMetrics instead of one row per metric name.
CREATE TABLE aggregated_metrics (
    interval_type             TEXT    NOT NULL CHECK (interval_type IN ('hourly', 'daily', 'weekly', 'monthly')),
    period_start_utc          INTEGER NOT NULL,
    period_end_utc            INTEGER NOT NULL,
    local_start               TEXT    NOT NULL, -- e.g. 2025-11-02T01:00-05:00
    session_count             INTEGER NOT NULL,
    exchange_count            INTEGER NOT NULL,
    unique_topics             INTEGER NOT NULL,
    total_duration_ms         INTEGER NOT NULL,
    avg_session_duration_ms   REAL,
    median_session_duration_ms REAL,
    quality_count             INTEGER NOT NULL,
    avg_quality_composite     REAL,
    avg_quality_relevance     REAL,
    avg_quality_helpfulness   REAL,
    avg_quality_accuracy      REAL,
    avg_quality_clarity       REAL,
    avg_quality_engagement    REAL,
    quality_std_dev           REAL,
    feedback_count            INTEGER NOT NULL,
    positive_feedback_count   INTEGER NOT NULL,
    negative_feedback_count   INTEGER NOT NULL,
    positive_feedback_rate    REAL,
    correction_count          INTEGER NOT NULL,
    clarification_count       INTEGER NOT NULL,
    avg_exchanges_per_session REAL,
    peak_hour                 INTEGER,
    day_distribution          TEXT, -- JSON object, weekly and monthly only
    top_topics                TEXT NOT NULL DEFAULT '[]',
    topic_distribution        TEXT NOT NULL DEFAULT '{}',
    quality_change            REAL,
    volume_change             REAL,
    trend_direction           TEXT CHECK (trend_direction IN ('improving', 'declining', 'stable')),
    computed_utc              INTEGER NOT NULL,
    PRIMARY KEY (interval_type, period_start_utc)
) WITHOUT ROWID;

-- Buckets whose raw events changed since their rollup was computed. Written in the same transaction
-- as the events, drained by the refresher (DESIGN.md §5).
CREATE TABLE dirty_buckets (
    interval_type    TEXT    NOT NULL,
    period_start_utc INTEGER NOT NULL,
    marked_utc       INTEGER NOT NULL,
    PRIMARY KEY (interval_type, period_start_utc)
) WITHOUT ROWID;

CREATE TABLE analytics_insights (
    id            TEXT PRIMARY KEY,
    insight_type  TEXT NOT NULL CHECK (insight_type IN ('trend', 'anomaly', 'milestone', 'recommendation', 'knowledge')),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    importance    TEXT NOT NULL CHECK (importance IN ('high', 'medium', 'low')),
    data          TEXT, -- JSON evidence: values compared, window, threshold
    dedupe_key    TEXT NOT NULL UNIQUE,
    generated_utc INTEGER NOT NULL,
    expires_utc   INTEGER,
    viewed_utc    INTEGER,
    dismissed_utc INTEGER
);
CREATE INDEX analytics_insights_type ON analytics_insights (insight_type);
CREATE INDEX analytics_insights_generated ON analytics_insights (generated_utc);

CREATE TABLE goal_definitions (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    goal_type     TEXT NOT NULL CHECK (goal_type IN ('activity', 'quality', 'topic', 'streak', 'milestone', 'custom')),
    frequency     TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'one_time')),
    target_metric TEXT NOT NULL,
    target_value  REAL NOT NULL CHECK (target_value > 0),
    comparison    TEXT NOT NULL CHECK (comparison IN ('gte', 'lte', 'eq')),
    filters       TEXT, -- JSON object, e.g. {"topic":"python"}
    icon          TEXT,
    color         TEXT,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_utc   INTEGER NOT NULL,
    updated_utc   INTEGER NOT NULL
);
CREATE INDEX goal_definitions_enabled ON goal_definitions (enabled);

-- One row per goal and period, updated as the period progresses.
CREATE TABLE goal_progress (
    id               INTEGER PRIMARY KEY,
    goal_id          TEXT    NOT NULL REFERENCES goal_definitions (id) ON DELETE CASCADE,
    current_value    REAL    NOT NULL,
    target_value     REAL    NOT NULL,
    progress_percent REAL    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
    period_start_utc INTEGER NOT NULL,
    period_end_utc   INTEGER NOT NULL,
    evaluated_utc    INTEGER NOT NULL,
    UNIQUE (goal_id, period_start_utc)
);

CREATE TABLE achievements (
    id           TEXT PRIMARY KEY,
    goal_id      TEXT NOT NULL REFERENCES goal_definitions (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    icon         TEXT,
    period       TEXT NOT NULL, -- "Week of Nov 18, 2025"
    period_start_utc INTEGER NOT NULL,
    unlocked_utc INTEGER NOT NULL,
    UNIQUE (goal_id, period_start_utc) -- once per goal and period
);
CREATE INDEX achievements_unlocked ON achievements (unlocked_utc);

CREATE TABLE streak_tracking (
    streak_type       TEXT PRIMARY KEY, -- daily_sessions, daily_quality, ...
    current_streak    INTEGER NOT NULL DEFAULT 0,
    best_streak       INTEGER NOT NULL DEFAULT 0,
    last_active_date  TEXT, -- local date in the learner's zone
    streak_start_date TEXT,
    updated_utc       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE export_history (
    id               TEXT PRIMARY KEY,
    format           TEXT NOT NULL CHECK (format IN ('json', 'csv')),
    period_start_utc INTEGER,
    period_end_utc   INTEGER NOT NULL,
    include_sections TEXT NOT NULL, -- JSON array
    file_size_bytes  INTEGER,
    checksum         TEXT,
    created_utc      INTEGER NOT NULL
);
CREATE INDEX export_history_created ON export_history (created_utc);
