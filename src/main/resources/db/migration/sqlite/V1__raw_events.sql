-- Raw learning events, exactly as ingested (DESIGN.md §4).
-- Every instant is stored as UTC epoch milliseconds (*_utc) together with the sender's UTC offset in
-- seconds (utc_offset_s), so the wall-clock time the learner saw can always be reconstructed, while
-- bucketing happens in the configured zone (DESIGN.md §5).
-- `id` is the client's idempotency key; `fingerprint` is a 64-bit hash of the normalised content that
-- tells an idempotent retry (same fingerprint) from a conflicting re-send (different fingerprint).

CREATE TABLE exchanges (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    session_id   TEXT    NOT NULL,
    ts_utc       INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    user_text    TEXT,
    agent_text   TEXT,
    duration_ms  INTEGER NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    topics       TEXT    NOT NULL DEFAULT '[]', -- JSON array of distinct topic names
    metadata     TEXT,                          -- JSON object
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL
);
CREATE INDEX exchanges_ts ON exchanges (ts_utc);

-- Sessions are derived from exchanges and maintained by ingest: a session starts at its first
-- exchange and lasts until its last exchange plus that exchange's duration_ms.
CREATE TABLE sessions (
    session_id       TEXT    PRIMARY KEY,
    start_utc        INTEGER NOT NULL,
    start_offset_s   INTEGER NOT NULL,
    last_utc         INTEGER NOT NULL,
    last_duration_ms INTEGER NOT NULL,
    exchange_count   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_start ON sessions (start_utc);

CREATE TABLE feedback (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    exchange_id  TEXT    NOT NULL,
    ts_utc       INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    type         TEXT    NOT NULL CHECK (type IN ('thumbs_up', 'thumbs_down', 'copy', 'share', 'rating',
                                                  'correction', 'clarification', 'follow_up')),
    rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT,
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL
);
CREATE INDEX feedback_ts ON feedback (ts_utc);

CREATE TABLE quality_scores (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
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
    ingested_utc INTEGER NOT NULL
);
CREATE INDEX quality_scores_ts ON quality_scores (ts_utc);

-- The embedded knowledge graph (DESIGN.md §6 item 10): concepts come from exchange topics and from
-- relation events; frequency is the number of exchanges that mention the concept.
CREATE TABLE concepts (
    name           TEXT    PRIMARY KEY,
    frequency      INTEGER NOT NULL DEFAULT 0,
    first_seen_utc INTEGER,
    last_seen_utc  INTEGER
) WITHOUT ROWID;

CREATE TABLE concept_relations (
    rid          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    source       TEXT    NOT NULL REFERENCES concepts (name),
    target       TEXT    NOT NULL REFERENCES concepts (name),
    type         TEXT    NOT NULL CHECK (type IN ('RELATES_TO', 'BUILDS_ON')),
    strength     REAL CHECK (strength BETWEEN 0 AND 1),
    ts_utc       INTEGER,
    utc_offset_s INTEGER,
    fingerprint  INTEGER NOT NULL,
    ingested_utc INTEGER NOT NULL
);
CREATE INDEX concept_relations_source ON concept_relations (source);
CREATE INDEX concept_relations_target ON concept_relations (target);
