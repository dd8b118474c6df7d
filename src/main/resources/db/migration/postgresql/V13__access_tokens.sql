-- Access tokens (issue 16); see ../sqlite/V13__access_tokens.sql for the reasons.
CREATE TABLE access_tokens (
    id          TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    learner_id  TEXT,
    token_hash  TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    label       TEXT,
    created_utc BIGINT  NOT NULL,
    revoked_utc BIGINT
);
CREATE INDEX access_tokens_learner ON access_tokens (learner_id);
