-- The mergeable state of each learning day's rollup (counts, sums, topic counts, session
-- durations, hour and weekday histograms). Weeks and months are unions of learning days, so their
-- rollups are exact merges of these states, without rescanning raw events. Kept apart from
-- aggregated_metrics so that rollup retention never removes what a late event needs to recompute
-- its week and month.
CREATE TABLE rollup_day_state (
    period_start_utc INTEGER PRIMARY KEY,
    state            TEXT    NOT NULL -- JSON
);

-- When each scheduled job last completed, so missed runs are caught up at start.
CREATE TABLE job_runs (
    job          TEXT    PRIMARY KEY,
    last_run_utc INTEGER NOT NULL,
    last_status  TEXT    NOT NULL,
    last_error   TEXT
) WITHOUT ROWID;
