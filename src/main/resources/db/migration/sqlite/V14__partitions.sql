-- Intentionally empty: V14 splits PostgreSQL's largest tables into partitions by learner (see
-- ../postgresql/V14__partitions.sql). A SQLite file has no partitions; the version number is kept
-- so that both backends report the same schema version.
SELECT 1;
