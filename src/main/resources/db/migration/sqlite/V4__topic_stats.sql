-- Topics per session, maintained by ingest: a session "studies" a topic when any of its exchanges
-- mentions it. Lets rollups count sessions per topic in the bucket of the session's start, which
-- adds up exactly across buckets.
CREATE TABLE session_topics (
    session_id TEXT NOT NULL,
    topic      TEXT NOT NULL,
    PRIMARY KEY (session_id, topic)
) WITHOUT ROWID;

INSERT OR IGNORE INTO session_topics (session_id, topic)
SELECT e.session_id, t.value FROM exchanges e, json_each(e.topics) t;

-- Per-topic session counts and quality (sum and count of the composite of scores whose exchange
-- mentions the topic), as JSON objects keyed by topic.
ALTER TABLE aggregated_metrics ADD COLUMN topic_sessions TEXT NOT NULL DEFAULT '{}';
ALTER TABLE aggregated_metrics ADD COLUMN topic_quality TEXT NOT NULL DEFAULT '{}';

-- Day states written before this migration lack the new fields: rebuild them.
INSERT OR IGNORE INTO dirty_buckets (interval_type, period_start_utc, marked_utc)
SELECT 'daily', period_start_utc, 0 FROM rollup_day_state;
