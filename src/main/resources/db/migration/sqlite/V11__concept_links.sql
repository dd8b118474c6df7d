-- One row per connection (source, target, type) of the knowledge graph, kept by triggers from
-- concept_relations (one row per relation event): the strongest observed strength and how often
-- it was observed. The graph panel reads counts, the strongest connections and prerequisites from
-- here instead of grouping every relation event per request (issue 13).
CREATE TABLE concept_links (
    source       TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    strength     REAL,
    observations INTEGER NOT NULL,
    PRIMARY KEY (source, target, type)
) WITHOUT ROWID;
CREATE INDEX concept_links_strength ON concept_links (strength DESC, source, target, type)
    WHERE strength IS NOT NULL;
CREATE INDEX concept_links_target ON concept_links (target);
CREATE INDEX concepts_frequency ON concepts (frequency);

INSERT INTO concept_links (source, target, type, strength, observations)
SELECT source, target, type, max(strength), count(*) FROM concept_relations
GROUP BY source, target, type;

CREATE TRIGGER concept_links_insert AFTER INSERT ON concept_relations BEGIN
    INSERT INTO concept_links (source, target, type, strength, observations)
    VALUES (NEW.source, NEW.target, NEW.type, NEW.strength, 1)
    ON CONFLICT (source, target, type) DO UPDATE SET
        strength = CASE WHEN excluded.strength IS NULL THEN strength
                        WHEN strength IS NULL THEN excluded.strength
                        ELSE max(strength, excluded.strength) END,
        observations = observations + 1;
END;

CREATE TRIGGER concept_links_delete AFTER DELETE ON concept_relations BEGIN
    DELETE FROM concept_links
    WHERE source = OLD.source AND target = OLD.target AND type = OLD.type;
    INSERT INTO concept_links (source, target, type, strength, observations)
    SELECT source, target, type, max(strength), count(*) FROM concept_relations
    WHERE source = OLD.source AND target = OLD.target AND type = OLD.type
    GROUP BY source, target, type;
END;

-- A counter bumped by every change to the graph's tables, so answers computed from the graph can
-- be reused until it changes (EmbeddedGraph), at the cost of one tiny UPDATE per changed row.
CREATE TABLE graph_version (v INTEGER NOT NULL);
INSERT INTO graph_version VALUES (0);
CREATE TRIGGER graph_version_relation_in AFTER INSERT ON concept_relations BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_relation_out AFTER DELETE ON concept_relations BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_in AFTER INSERT ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_change AFTER UPDATE ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;
CREATE TRIGGER graph_version_concept_out AFTER DELETE ON concepts BEGIN
    UPDATE graph_version SET v = v + 1;
END;
