-- Day states become a compact binary record instead of JSON (issue 11): a rebuild writes one per
-- learning day and a refresh reads a month of them back. Recompute every day that had a state.
INSERT OR IGNORE INTO dirty_buckets (interval_type, period_start_utc, marked_utc)
SELECT 'daily', period_start_utc, 0 FROM rollup_day_state;
DROP TABLE rollup_day_state;
CREATE TABLE rollup_day_state (
    period_start_utc INTEGER PRIMARY KEY,
    state            BLOB    NOT NULL -- Partial.toBytes()
);
