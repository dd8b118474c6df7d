-- Access tokens (issue 16): a learner's token reads and writes only that learner's data; a token
-- without a learner is an admin's. Only the SHA-256 of the secret is kept (hex): a copy of the
-- database does not let anyone in. The id is public (shown by `token list`, used to revoke).
-- A revoked token stays listed, with when it was revoked. Not a foreign key to learners: SQLite
-- does not enforce them here, and `token create` checks the learner exists.
CREATE TABLE access_tokens (
    id          TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    learner_id  TEXT,
    token_hash  TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    label       TEXT,
    created_utc INTEGER NOT NULL,
    revoked_utc INTEGER
) WITHOUT ROWID;
CREATE INDEX access_tokens_learner ON access_tokens (learner_id);
