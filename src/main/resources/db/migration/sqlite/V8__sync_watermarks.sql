-- How far each table of an external source (the voice learning assistant's databases) has been
-- read: the highest rowid synced, and what the last passes saw. Events carry stable ids derived from
-- the source rows, so re-reading a row is an idempotent duplicate, never a second event.
CREATE TABLE sync_watermarks (
    source        TEXT    NOT NULL,  -- e.g. voice-agent
    table_name    TEXT    NOT NULL,  -- e.g. captures
    last_rowid    INTEGER NOT NULL DEFAULT 0,
    max_ts_utc    INTEGER,           -- latest event time read so far (to tell late rows)
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_skipped  INTEGER NOT NULL DEFAULT 0,
    late_rows     INTEGER NOT NULL DEFAULT 0,
    edits         INTEGER NOT NULL DEFAULT 0,
    source_rows   INTEGER,           -- rows in the source table at the last pass (lag = this - read)
    last_sync_utc INTEGER,
    last_error    TEXT,
    PRIMARY KEY (source, table_name)
) WITHOUT ROWID;
