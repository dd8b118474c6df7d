-- Many learners (issue 16); see ../sqlite/V12__learners.sql for the reasons. PostgreSQL changes
-- keys in place, so no table is rebuilt here: each gets the learner_id column (last, as in
-- SQLite) and its keys, foreign keys and indexes are replaced by ones that start with it.

CREATE TABLE learners (
    id             TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    zone           TEXT,
    day_start_hour INTEGER CHECK (day_start_hour BETWEEN 0 AND 23),
    week_start     TEXT,
    created_utc    BIGINT  NOT NULL
);
INSERT INTO learners (id, created_utc) VALUES ('default', 0);

ALTER TABLE exchanges ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE exchanges DROP CONSTRAINT exchanges_id_key;
ALTER TABLE exchanges ADD UNIQUE (learner_id, id);
DROP INDEX exchanges_ts;
CREATE INDEX exchanges_ts ON exchanges (learner_id, ts_utc);

ALTER TABLE sessions ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;
ALTER TABLE sessions ADD PRIMARY KEY (learner_id, session_id);
DROP INDEX sessions_start;
CREATE INDEX sessions_start ON sessions (learner_id, start_utc);

ALTER TABLE feedback ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE feedback DROP CONSTRAINT feedback_id_key;
ALTER TABLE feedback ADD UNIQUE (learner_id, id);
DROP INDEX feedback_ts;
CREATE INDEX feedback_ts ON feedback (learner_id, ts_utc);

ALTER TABLE quality_scores ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE quality_scores DROP CONSTRAINT quality_scores_id_key;
ALTER TABLE quality_scores ADD UNIQUE (learner_id, id);
DROP INDEX quality_scores_ts;
CREATE INDEX quality_scores_ts ON quality_scores (learner_id, ts_utc);

ALTER TABLE quality_waiting ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE quality_waiting DROP CONSTRAINT quality_waiting_pkey;
ALTER TABLE quality_waiting ADD PRIMARY KEY (learner_id, exchange_id, quality_id);

-- The knowledge graph.
ALTER TABLE concept_relations DROP CONSTRAINT concept_relations_source_fkey;
ALTER TABLE concept_relations DROP CONSTRAINT concept_relations_target_fkey;
ALTER TABLE concepts ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE concepts DROP CONSTRAINT concepts_pkey;
ALTER TABLE concepts ADD PRIMARY KEY (learner_id, name);
DROP INDEX concepts_frequency;
CREATE INDEX concepts_frequency ON concepts (learner_id, frequency);

ALTER TABLE concept_relations ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE concept_relations DROP CONSTRAINT concept_relations_id_key;
ALTER TABLE concept_relations ADD UNIQUE (learner_id, id);
ALTER TABLE concept_relations ADD FOREIGN KEY (learner_id, source) REFERENCES concepts (learner_id, name);
ALTER TABLE concept_relations ADD FOREIGN KEY (learner_id, target) REFERENCES concepts (learner_id, name);
DROP INDEX concept_relations_source;
DROP INDEX concept_relations_target;
CREATE INDEX concept_relations_source ON concept_relations (learner_id, source);
CREATE INDEX concept_relations_target ON concept_relations (learner_id, target);

ALTER TABLE concept_links ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE concept_links DROP CONSTRAINT concept_links_pkey;
ALTER TABLE concept_links ADD PRIMARY KEY (learner_id, source, target, type);
DROP INDEX concept_links_strength;
DROP INDEX concept_links_target;
CREATE INDEX concept_links_strength ON concept_links (learner_id, strength DESC, source, target, type)
    WHERE strength IS NOT NULL;
CREATE INDEX concept_links_target ON concept_links (learner_id, target);

CREATE OR REPLACE FUNCTION concept_links_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO concept_links (learner_id, source, target, type, strength, observations)
    VALUES (NEW.learner_id, NEW.source, NEW.target, NEW.type, NEW.strength, 1)
    ON CONFLICT (learner_id, source, target, type) DO UPDATE SET
        strength = CASE WHEN excluded.strength IS NULL THEN concept_links.strength
                        WHEN concept_links.strength IS NULL THEN excluded.strength
                        ELSE greatest(concept_links.strength, excluded.strength) END,
        observations = concept_links.observations + 1;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION concept_links_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM concept_links
    WHERE learner_id = OLD.learner_id AND source = OLD.source AND target = OLD.target
      AND type = OLD.type;
    INSERT INTO concept_links (learner_id, source, target, type, strength, observations)
    SELECT learner_id, source, target, type, max(strength), count(*) FROM concept_relations
    WHERE learner_id = OLD.learner_id AND source = OLD.source AND target = OLD.target
      AND type = OLD.type
    GROUP BY learner_id, source, target, type;
    RETURN NULL;
END
$$;

-- Rollups.
ALTER TABLE aggregated_metrics ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE aggregated_metrics DROP CONSTRAINT aggregated_metrics_pkey;
ALTER TABLE aggregated_metrics ADD PRIMARY KEY (learner_id, interval_type, period_start_utc);

ALTER TABLE dirty_buckets ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE dirty_buckets DROP CONSTRAINT dirty_buckets_pkey;
ALTER TABLE dirty_buckets ADD PRIMARY KEY (learner_id, interval_type, period_start_utc);

ALTER TABLE rollup_day_state ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE rollup_day_state DROP CONSTRAINT rollup_day_state_pkey;
ALTER TABLE rollup_day_state ADD PRIMARY KEY (learner_id, period_start_utc);

-- Insights.
ALTER TABLE analytics_insights ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE analytics_insights DROP CONSTRAINT analytics_insights_dedupe_key_key;
ALTER TABLE analytics_insights ADD UNIQUE (learner_id, dedupe_key);
DROP INDEX analytics_insights_type;
DROP INDEX analytics_insights_generated;
CREATE INDEX analytics_insights_type ON analytics_insights (learner_id, insight_type);
CREATE INDEX analytics_insights_generated ON analytics_insights (learner_id, generated_utc);

ALTER TABLE insight_state ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE insight_state DROP CONSTRAINT insight_state_pkey;
ALTER TABLE insight_state ADD PRIMARY KEY (learner_id, name);

-- Goals.
ALTER TABLE goal_progress DROP CONSTRAINT goal_progress_goal_id_fkey;
ALTER TABLE achievements DROP CONSTRAINT achievements_goal_id_fkey;
ALTER TABLE goal_definitions ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE goal_definitions DROP CONSTRAINT goal_definitions_pkey;
ALTER TABLE goal_definitions ADD PRIMARY KEY (learner_id, id);
DROP INDEX goal_definitions_enabled;
CREATE INDEX goal_definitions_enabled ON goal_definitions (learner_id, enabled);

ALTER TABLE goal_progress ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE goal_progress DROP CONSTRAINT goal_progress_goal_id_period_start_utc_key;
ALTER TABLE goal_progress ADD UNIQUE (learner_id, goal_id, period_start_utc);
ALTER TABLE goal_progress ADD FOREIGN KEY (learner_id, goal_id)
    REFERENCES goal_definitions (learner_id, id) ON DELETE CASCADE;

ALTER TABLE achievements ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE achievements DROP CONSTRAINT achievements_pkey;
ALTER TABLE achievements DROP CONSTRAINT achievements_goal_id_period_start_utc_key;
ALTER TABLE achievements ADD PRIMARY KEY (learner_id, id);
ALTER TABLE achievements ADD UNIQUE (learner_id, goal_id, period_start_utc);
ALTER TABLE achievements ADD FOREIGN KEY (learner_id, goal_id)
    REFERENCES goal_definitions (learner_id, id) ON DELETE CASCADE;
DROP INDEX achievements_unlocked;
CREATE INDEX achievements_unlocked ON achievements (learner_id, unlocked_utc);

ALTER TABLE streak_tracking ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE streak_tracking DROP CONSTRAINT streak_tracking_pkey;
ALTER TABLE streak_tracking ADD PRIMARY KEY (learner_id, streak_type);

ALTER TABLE export_history ADD COLUMN learner_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX export_history_created;
CREATE INDEX export_history_created ON export_history (learner_id, created_utc);
