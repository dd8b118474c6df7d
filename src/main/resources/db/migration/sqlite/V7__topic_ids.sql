-- Topics as small integers, so that rollups never parse JSON (issue 11). Names are kept once in
-- topic_names; an id, once given, never changes and is never reused. The exchanges keep their
-- topics JSON (the ingest and export format); topic_ids beside it are the comma-separated ids.
CREATE TABLE topic_names (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);
INSERT INTO topic_names (name)
SELECT DISTINCT t.value FROM exchanges e, json_each(e.topics) t ORDER BY t.value;

ALTER TABLE exchanges ADD COLUMN topic_ids TEXT;       -- NULL when the exchange has no topics
UPDATE exchanges SET topic_ids = (
    SELECT group_concat(n.id) FROM json_each(exchanges.topics) t JOIN topic_names n ON n.name = t.value)
WHERE topics <> '[]';

-- A session's topics: the union of its exchanges' (as in session_topics, which exports read).
ALTER TABLE sessions ADD COLUMN topic_ids TEXT;
UPDATE sessions SET topic_ids = (
    SELECT group_concat(n.id) FROM session_topics st JOIN topic_names n ON n.name = st.topic
    WHERE st.session_id = sessions.session_id);

-- A quality score counts for the topics of its exchange: they are copied onto it at ingest, or
-- when the exchange arrives after the score (quality_waiting lists those scores until then).
ALTER TABLE quality_scores ADD COLUMN topic_ids TEXT;
UPDATE quality_scores SET topic_ids = (
    SELECT e.topic_ids FROM exchanges e WHERE e.id = quality_scores.exchange_id);
CREATE TABLE quality_waiting (
    exchange_id TEXT NOT NULL,
    quality_id  TEXT NOT NULL,
    PRIMARY KEY (exchange_id, quality_id)
) WITHOUT ROWID;
INSERT INTO quality_waiting (exchange_id, quality_id)
SELECT q.exchange_id, q.id FROM quality_scores q
WHERE NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.id = q.exchange_id);

-- Day states now hold topic ids: recompute every day with data.
INSERT OR IGNORE INTO dirty_buckets (interval_type, period_start_utc, marked_utc)
SELECT 'daily', period_start_utc, 0 FROM rollup_day_state;
DELETE FROM rollup_day_state;
