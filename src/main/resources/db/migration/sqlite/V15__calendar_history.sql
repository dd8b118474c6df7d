-- Settings that change forward (issue 17). When a learner with history changes zone, day start or
-- week start, the setting they had is kept here with the instant it stopped applying, so days that
-- already passed keep their boundaries and any rebuild cuts them the same way again. The current
-- setting stays in learners. Values are as in effect then (the server's where the learner had
-- none), so a later change of the server's configuration does not move them either.
CREATE TABLE learner_calendar_history (
    learner_id     TEXT    NOT NULL,
    until_utc      INTEGER NOT NULL,
    zone           TEXT    NOT NULL,
    day_start_hour INTEGER NOT NULL CHECK (day_start_hour BETWEEN 0 AND 23),
    week_start     TEXT    NOT NULL,
    PRIMARY KEY (learner_id, until_utc)
) WITHOUT ROWID;

-- Opt-in streak protection, dated like the calendar: each row applies from its learning date to
-- the next row's, so changing the rules never rewrites a past streak.
CREATE TABLE streak_rules (
    learner_id        TEXT    NOT NULL,
    from_date         TEXT    NOT NULL,
    freezes_per_month INTEGER NOT NULL CHECK (freezes_per_month BETWEEN 0 AND 31),
    rest_days         TEXT    NOT NULL,
    min_exchanges     INTEGER NOT NULL CHECK (min_exchanges >= 0),
    min_minutes       INTEGER NOT NULL CHECK (min_minutes >= 0),
    changed_utc       INTEGER NOT NULL,
    PRIMARY KEY (learner_id, from_date)
) WITHOUT ROWID;
