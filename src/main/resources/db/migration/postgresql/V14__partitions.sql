-- Hash partitioning by learner (issue 16). The tables that grow with every event or rollup are
-- split into 16 partitions on learner_id, so one learner's rows live in one partition: its indexes
-- stay a sixteenth of the size, vacuum works a partition at a time, and a later move to more
-- partitions (or to Citus, sharding on the same column) keeps every key as it is. Every key and
-- index already starts with learner_id (V12), as a partitioned table requires.
--
-- Each table is rebuilt: renamed, recreated as a partitioned table of the same columns, defaults
-- and CHECKs, refilled and dropped. Identity columns become sequence defaults, since PostgreSQL
-- before 17 allows no identity column on a partitioned table; their values carry over.

CREATE FUNCTION learnlytics_partition(t TEXT, keys TEXT[], indexes TEXT[]) RETURNS VOID AS $$
DECLARE
    old TEXT := t || '_unpartitioned';
    seq TEXT;
    k TEXT;
BEGIN
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, old);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'
                   ' PARTITION BY HASH (learner_id)', t, old);
    FOR i IN 0..15 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       t || '_p' || i, t, i);
    END LOOP;
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = old AND column_name = 'rid') THEN
        seq := t || '_rid';
        EXECUTE format('CREATE SEQUENCE %I', seq);
        EXECUTE format('ALTER TABLE %I ALTER COLUMN rid SET DEFAULT nextval(%L)', t, seq);
        EXECUTE format('SELECT setval(%L, coalesce((SELECT max(rid) FROM %I), 0) + 1, false)', seq, old);
    END IF;
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, old);
    EXECUTE format('DROP TABLE %I', old);
    IF seq IS NOT NULL THEN
        EXECUTE format('ALTER SEQUENCE %I OWNED BY %I.rid', seq, t);
    END IF;
    FOREACH k IN ARRAY keys LOOP
        EXECUTE format('ALTER TABLE %I ADD %s', t, k);
    END LOOP;
    FOREACH k IN ARRAY indexes LOOP
        EXECUTE k;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

SELECT learnlytics_partition('exchanges',
    ARRAY['PRIMARY KEY (learner_id, rid)', 'UNIQUE (learner_id, id)'],
    ARRAY['CREATE INDEX exchanges_ts ON exchanges (learner_id, ts_utc)']);
SELECT learnlytics_partition('feedback',
    ARRAY['PRIMARY KEY (learner_id, rid)', 'UNIQUE (learner_id, id)'],
    ARRAY['CREATE INDEX feedback_ts ON feedback (learner_id, ts_utc)']);
SELECT learnlytics_partition('quality_scores',
    ARRAY['PRIMARY KEY (learner_id, rid)', 'UNIQUE (learner_id, id)'],
    ARRAY['CREATE INDEX quality_scores_ts ON quality_scores (learner_id, ts_utc)']);
SELECT learnlytics_partition('sessions',
    ARRAY['PRIMARY KEY (learner_id, session_id)'],
    ARRAY['CREATE INDEX sessions_start ON sessions (learner_id, start_utc)']);
SELECT learnlytics_partition('aggregated_metrics',
    ARRAY['PRIMARY KEY (learner_id, interval_type, period_start_utc)'],
    ARRAY[]::TEXT[]);
SELECT learnlytics_partition('rollup_day_state',
    ARRAY['PRIMARY KEY (learner_id, period_start_utc)'],
    ARRAY[]::TEXT[]);

DROP FUNCTION learnlytics_partition(TEXT, TEXT[], TEXT[]);
