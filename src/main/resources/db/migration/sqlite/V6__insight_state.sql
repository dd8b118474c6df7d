-- The values the milestone rules saw at their last evaluation (total_sessions, streak_days), so a
-- milestone fires once when a threshold is crossed between two evaluations, and never again
-- (DESIGN.md §6 item 6).
CREATE TABLE insight_state (
    name        TEXT    PRIMARY KEY,
    value       INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL
) WITHOUT ROWID;
