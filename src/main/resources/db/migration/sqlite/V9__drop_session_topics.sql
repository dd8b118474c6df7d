-- A session's topics are sessions.topic_ids (V7), kept by ingest and by deletions; exports read
-- them through topic_names. session_topics held the same thing by name and cost a row per
-- session and topic on every ingest.
DROP TABLE session_topics;
