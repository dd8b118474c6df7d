-- Many learners (issue 16). Every row that belongs to a learner now says whose it is, and every key
-- that identified a row (an event id, a bucket, a goal id, a concept name) is unique per learner.
-- The column defaults to 'default', the one learner of a single-user install, so an existing
-- database and every client that sends no learner keep working unchanged.
--
-- SQLite cannot change a key in place: each table is rebuilt (create *_new, copy, drop, rename),
-- parents after their children so that no foreign key ever points at a dropped table. The
-- column comes last, as PostgreSQL's ADD COLUMN puts it, so both backends list the same columns.
-- Shared on purpose: topic_names (an id per topic name, internal), job_runs (one schedule for
-- all learners), sync_watermarks (the assistant's database feeds the default learner) and
-- graph_version (a change counter; a change for one learner only re-reads the others' graph).

-- Each learner's own calendar. NULL settings follow the server's configuration, which is how the
-- default learner behaves exactly as before.
CREATE TABLE learners (
    id             TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    zone           TEXT,
    day_start_hour INTEGER CHECK (day_start_hour BETWEEN 0 AND 23),
    week_start     TEXT,
    created_utc    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO learners (id, created_utc) VALUES ('default', 0);

-- Raw events.
CREATE TABLE exchanges_new (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL,
    session_id   TEXT    NOT NULL,
    ts_utc       INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    user_text    TEXT,
    agent_text   TEXT,
    duration_ms  INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    topics       TEXT    NOT NULL DEFAULT '[]',
    metadata     TEXT,
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL,
    topic_ids    TEXT,
    learner_id   TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, id)
);
INSERT INTO exchanges_new (rid, id, session_id, ts_utc, utc_offset_s, user_text, agent_text,
                           duration_ms, topics, metadata, fingerprint, ingested_utc, topic_ids)
SELECT rid, id, session_id, ts_utc, utc_offset_s, user_text, agent_text, duration_ms, topics,
       metadata, fingerprint, ingested_utc, topic_ids FROM exchanges;
DROP TABLE exchanges;
ALTER TABLE exchanges_new RENAME TO exchanges;
CREATE INDEX exchanges_ts ON exchanges (learner_id, ts_utc);

CREATE TABLE sessions_new (
    session_id       TEXT    NOT NULL,
    start_utc        INTEGER NOT NULL,
    start_offset_s   INTEGER NOT NULL,
    last_utc         INTEGER NOT NULL,
    last_duration_ms INTEGER NOT NULL,
    exchange_count   INTEGER NOT NULL,
    topic_ids        TEXT,
    learner_id       TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, session_id)
) WITHOUT ROWID;
INSERT INTO sessions_new (session_id, start_utc, start_offset_s, last_utc, last_duration_ms,
                          exchange_count, topic_ids)
SELECT session_id, start_utc, start_offset_s, last_utc, last_duration_ms, exchange_count, topic_ids
FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_start ON sessions (learner_id, start_utc);

CREATE TABLE feedback_new (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL,
    exchange_id  TEXT    NOT NULL,
    ts_utc       INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    type         TEXT    NOT NULL CHECK (type IN ('thumbs_up', 'thumbs_down', 'copy', 'share', 'rating',
                                                  'correction', 'clarification', 'follow_up')),
    rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT,
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL,
    learner_id   TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, id)
);
INSERT INTO feedback_new (rid, id, exchange_id, ts_utc, utc_offset_s, type, rating, comment,
                          fingerprint, ingested_utc)
SELECT rid, id, exchange_id, ts_utc, utc_offset_s, type, rating, comment, fingerprint, ingested_utc
FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_ts ON feedback (learner_id, ts_utc);

CREATE TABLE quality_scores_new (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL,
    exchange_id  TEXT    NOT NULL,
    ts_utc       INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    relevance    REAL CHECK (relevance BETWEEN 0 AND 1),
    helpfulness  REAL CHECK (helpfulness BETWEEN 0 AND 1),
    accuracy     REAL CHECK (accuracy BETWEEN 0 AND 1),
    clarity      REAL CHECK (clarity BETWEEN 0 AND 1),
    engagement   REAL CHECK (engagement BETWEEN 0 AND 1),
    composite    REAL    NOT NULL CHECK (composite BETWEEN 0 AND 1),
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL,
    topic_ids    TEXT,
    learner_id   TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, id)
);
INSERT INTO quality_scores_new (rid, id, exchange_id, ts_utc, utc_offset_s, relevance, helpfulness,
                                accuracy, clarity, engagement, composite, fingerprint,
                                ingested_utc, topic_ids)
SELECT rid, id, exchange_id, ts_utc, utc_offset_s, relevance, helpfulness, accuracy, clarity,
       engagement, composite, fingerprint, ingested_utc, topic_ids FROM quality_scores;
DROP TABLE quality_scores;
ALTER TABLE quality_scores_new RENAME TO quality_scores;
CREATE INDEX quality_scores_ts ON quality_scores (learner_id, ts_utc);

CREATE TABLE quality_waiting_new (
    exchange_id TEXT NOT NULL,
    quality_id  TEXT NOT NULL,
    learner_id  TEXT NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, exchange_id, quality_id)
) WITHOUT ROWID;
INSERT INTO quality_waiting_new (exchange_id, quality_id)
SELECT exchange_id, quality_id FROM quality_waiting;
DROP TABLE quality_waiting;
ALTER TABLE quality_waiting_new RENAME TO quality_waiting;

-- The knowledge graph: concepts are the parent of concept_relations, so the new relations table
-- points at the new concepts table before either old table is dropped.
CREATE TABLE concepts_new (
    name           TEXT    NOT NULL,
    frequency      INTEGER NOT NULL DEFAULT 0,
    first_seen_utc INTEGER,
    last_seen_utc  INTEGER,
    learner_id     TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, name)
) WITHOUT ROWID;
INSERT INTO concepts_new (name, frequency, first_seen_utc, last_seen_utc)
SELECT name, frequency, first_seen_utc, last_seen_utc FROM concepts;

CREATE TABLE concept_relations_new (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    type         TEXT    NOT NULL CHECK (type IN ('RELATES_TO', 'BUILDS_ON')),
    strength     REAL CHECK (strength BETWEEN 0 AND 1),
    ts_utc       INTEGER,
    utc_offset_s INTEGER,
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL,
    learner_id   TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, id),
    FOREIGN KEY (learner_id, source) REFERENCES concepts_new (learner_id, name),
    FOREIGN KEY (learner_id, target) REFERENCES concepts_new (learner_id, name)
);
INSERT INTO concept_relations_new (rid, id, source, target, type, strength, ts_utc, utc_offset_s,
                                   fingerprint, ingested_utc)
SELECT rid, id, source, target, type, strength, ts_utc, utc_offset_s, fingerprint, ingested_utc
FROM concept_relations;

CREATE TABLE concept_links_new (
    source       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    strength     REAL,
    observations INTEGER NOT NULL,
    learner_id   TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, source, target, type)
) WITHOUT ROWID;
INSERT INTO concept_links_new (source, target, type, strength, observations)
SELECT source, target, type, strength, observations FROM concept_links;

DROP TABLE concept_links;
DROP TABLE concept_relations; -- its triggers go with it
DROP TABLE concepts;
ALTER TABLE concepts_new RENAME TO concepts; -- also renames the references in concept_relations_new
ALTER TABLE concept_relations_new RENAME TO concept_relations;
ALTER TABLE concept_links_new RENAME TO concept_links;
CREATE INDEX concepts_frequency ON concepts (learner_id, frequency);
CREATE INDEX concept_relations_source ON concept_relations (learner_id, source);
CREATE INDEX concept_relations_target ON concept_relations (learner_id, target);
CREATE INDEX concept_links_strength ON concept_links (learner_id, strength DESC, source, target, type)
    WHERE strength IS NOT NULL;
CREATE INDEX concept_links_target ON concept_links (learner_id, target);

CREATE TRIGGER concept_links_insert AFTER INSERT ON concept_relations BEGIN
    INSERT INTO concept_links (learner_id, source, target, type, strength, observations)
    VALUES (NEW.learner_id, NEW.source, NEW.target, NEW.type, NEW.strength, 1)
    ON CONFLICT (learner_id, source, target, type) DO UPDATE SET
        strength = CASE WHEN excluded.strength IS NULL THEN strength
                        WHEN strength IS NULL THEN excluded.strength
                        ELSE max(strength, excluded.strength) END,
        observations = observations + 1;
END;

CREATE TRIGGER concept_links_delete AFTER DELETE ON concept_relations BEGIN
    DELETE FROM concept_links
    WHERE learner_id = OLD.learner_id AND source = OLD.source AND target = OLD.target
      AND type = OLD.type;
    INSERT INTO concept_links (learner_id, source, target, type, strength, observations)
    SELECT learner_id, source, target, type, max(strength), count(*) FROM concept_relations
    WHERE learner_id = OLD.learner_id AND source = OLD.source AND target = OLD.target
      AND type = OLD.type
    GROUP BY learner_id, source, target, type;
END;

CREATE TRIGGER graph_version_relation_in AFTER INSERT ON concept_relations BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_relation_out AFTER DELETE ON concept_relations BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_in AFTER INSERT ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_change AFTER UPDATE ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_out AFTER DELETE ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;

-- Rollups.
CREATE TABLE aggregated_metrics_new (
    interval_type             TEXT    NOT NULL CHECK (interval_type IN ('hourly', 'daily', 'weekly', 'monthly')),
    period_start_utc          INTEGER NOT NULL,
    period_end_utc            INTEGER NOT NULL,
    local_start               TEXT    NOT NULL,
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
    day_distribution          TEXT,
    top_topics                TEXT NOT NULL DEFAULT '[]',
    topic_distribution        TEXT NOT NULL DEFAULT '{}',
    quality_change            REAL,
    volume_change             REAL,
    trend_direction           TEXT CHECK (trend_direction IN ('improving', 'declining', 'stable')),
    computed_utc              INTEGER NOT NULL,
    topic_sessions            TEXT NOT NULL DEFAULT '{}',
    topic_quality             TEXT NOT NULL DEFAULT '{}',
    learner_id                TEXT NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, interval_type, period_start_utc)
) WITHOUT ROWID;
INSERT INTO aggregated_metrics_new
SELECT *, 'default' FROM aggregated_metrics;
DROP TABLE aggregated_metrics;
ALTER TABLE aggregated_metrics_new RENAME TO aggregated_metrics;

CREATE TABLE dirty_buckets_new (
    interval_type    TEXT    NOT NULL,
    period_start_utc INTEGER NOT NULL,
    marked_utc       INTEGER NOT NULL,
    learner_id       TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, interval_type, period_start_utc)
) WITHOUT ROWID;
INSERT INTO dirty_buckets_new (interval_type, period_start_utc, marked_utc)
SELECT interval_type, period_start_utc, marked_utc FROM dirty_buckets;
DROP TABLE dirty_buckets;
ALTER TABLE dirty_buckets_new RENAME TO dirty_buckets;

CREATE TABLE rollup_day_state_new (
    period_start_utc INTEGER NOT NULL,
    state            BLOB    NOT NULL,
    learner_id       TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, period_start_utc)
) WITHOUT ROWID;
INSERT INTO rollup_day_state_new (period_start_utc, state)
SELECT period_start_utc, state FROM rollup_day_state;
DROP TABLE rollup_day_state;
ALTER TABLE rollup_day_state_new RENAME TO rollup_day_state;

-- Insights.
CREATE TABLE analytics_insights_new (
    id            TEXT PRIMARY KEY,
    insight_type  TEXT NOT NULL CHECK (insight_type IN ('trend', 'anomaly', 'milestone', 'recommendation', 'knowledge')),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    importance    TEXT NOT NULL CHECK (importance IN ('high', 'medium', 'low')),
    data          TEXT,
    dedupe_key    TEXT NOT NULL,
    generated_utc INTEGER NOT NULL,
    expires_utc   INTEGER,
    viewed_utc    INTEGER,
    dismissed_utc INTEGER,
    learner_id    TEXT NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, dedupe_key)
);
INSERT INTO analytics_insights_new
SELECT *, 'default' FROM analytics_insights;
DROP TABLE analytics_insights;
ALTER TABLE analytics_insights_new RENAME TO analytics_insights;
CREATE INDEX analytics_insights_type ON analytics_insights (learner_id, insight_type);
CREATE INDEX analytics_insights_generated ON analytics_insights (learner_id, generated_utc);

CREATE TABLE insight_state_new (
    name        TEXT    NOT NULL,
    value       INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL,
    learner_id  TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, name)
) WITHOUT ROWID;
INSERT INTO insight_state_new (name, value, updated_utc)
SELECT name, value, updated_utc FROM insight_state;
DROP TABLE insight_state;
ALTER TABLE insight_state_new RENAME TO insight_state;

-- Goals: goal_definitions is the parent of goal_progress and achievements.
CREATE TABLE goal_definitions_new (
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    goal_type     TEXT NOT NULL CHECK (goal_type IN ('activity', 'quality', 'topic', 'streak', 'milestone', 'custom')),
    frequency     TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'one_time')),
    target_metric TEXT NOT NULL,
    target_value  REAL NOT NULL CHECK (target_value > 0),
    comparison    TEXT NOT NULL CHECK (comparison IN ('gte', 'lte', 'eq')),
    filters       TEXT,
    icon          TEXT,
    color         TEXT,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_utc   INTEGER NOT NULL,
    updated_utc   INTEGER NOT NULL,
    learner_id    TEXT NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, id)
);
INSERT INTO goal_definitions_new
SELECT *, 'default' FROM goal_definitions;

CREATE TABLE goal_progress_new (
    id               INTEGER PRIMARY KEY,
    goal_id          TEXT    NOT NULL,
    current_value    REAL    NOT NULL,
    target_value     REAL    NOT NULL,
    progress_percent REAL    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('in_progress', 'completed', 'failed')),
    period_start_utc INTEGER NOT NULL,
    period_end_utc   INTEGER NOT NULL,
    evaluated_utc    INTEGER NOT NULL,
    learner_id       TEXT    NOT NULL DEFAULT 'default',
    UNIQUE (learner_id, goal_id, period_start_utc),
    FOREIGN KEY (learner_id, goal_id) REFERENCES goal_definitions_new (learner_id, id)
        ON DELETE CASCADE
);
INSERT INTO goal_progress_new
SELECT *, 'default' FROM goal_progress;

CREATE TABLE achievements_new (
    id               TEXT NOT NULL,
    goal_id          TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    icon             TEXT,
    period           TEXT NOT NULL,
    period_start_utc INTEGER NOT NULL,
    unlocked_utc     INTEGER NOT NULL,
    learner_id       TEXT NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, id),
    UNIQUE (learner_id, goal_id, period_start_utc),
    FOREIGN KEY (learner_id, goal_id) REFERENCES goal_definitions_new (learner_id, id)
        ON DELETE CASCADE
);
INSERT INTO achievements_new
SELECT *, 'default' FROM achievements;

DROP TABLE achievements;
DROP TABLE goal_progress;
DROP TABLE goal_definitions;
ALTER TABLE goal_definitions_new RENAME TO goal_definitions;
ALTER TABLE goal_progress_new RENAME TO goal_progress;
ALTER TABLE achievements_new RENAME TO achievements;
CREATE INDEX goal_definitions_enabled ON goal_definitions (learner_id, enabled);
CREATE INDEX achievements_unlocked ON achievements (learner_id, unlocked_utc);

CREATE TABLE streak_tracking_new (
    streak_type       TEXT    NOT NULL,
    current_streak    INTEGER NOT NULL DEFAULT 0,
    best_streak       INTEGER NOT NULL DEFAULT 0,
    last_active_date  TEXT,
    streak_start_date TEXT,
    updated_utc       INTEGER NOT NULL,
    learner_id        TEXT    NOT NULL DEFAULT 'default',
    PRIMARY KEY (learner_id, streak_type)
) WITHOUT ROWID;
INSERT INTO streak_tracking_new
SELECT *, 'default' FROM streak_tracking;
DROP TABLE streak_tracking;
ALTER TABLE streak_tracking_new RENAME TO streak_tracking;

-- Exports: ids are random, so only the owner column is new.
ALTER TABLE export_history ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX export_history_created;
CREATE INDEX export_history_created ON export_history (learner_id, created_utc);
