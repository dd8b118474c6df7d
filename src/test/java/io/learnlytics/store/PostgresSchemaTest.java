package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The PostgreSQL migrations build the same schema as the SQLite ones: a fresh database of each
 * kind, migrated by {@link Database#flyway}, has the same tables, the same columns in each, the
 * same named indexes and triggers, and the same schema version. Types differ on purpose (BIGINT for
 * SQLite's INTEGER, BYTEA for BLOB, ...) and are not compared.
 */
class PostgresSchemaTest {
  private static final String HISTORY = "flyway_schema_history";

  /** Indexes made by CREATE INDEX, not those PostgreSQL makes for keys and UNIQUE constraints. */
  private static final String POSTGRES_INDEXES =
      "SELECT indexname FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS"
          + " (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname) AND NOT EXISTS"
          + " (SELECT 1 FROM pg_class t WHERE t.relname = i.tablename AND t.relispartition)";

  /** The partitions of PostgreSQL's partitioned tables, which are not tables of the schema. */
  private static final String PARTITIONS = "SELECT relname FROM pg_class WHERE relispartition";

  /** The tables V14 partitions by learner. */
  private static final List<String> PARTITIONED =
      List.of(
          "aggregated_metrics",
          "exchanges",
          "feedback",
          "quality_scores",
          "rollup_day_state",
          "sessions");

  @TempDir static Path dir;

  private static EmbeddedPostgres pg;
  private static DataSource postgres;
  private static DataSource sqlite;

  @BeforeAll
  static void migrateBoth() throws IOException {
    pg = EmbeddedPostgres.builder().start(); // in-process, on a free port
    postgres = pg.getPostgresDatabase();
    Database.flyway(postgres, pg.getJdbcUrl("postgres", "postgres")).migrate();

    SQLiteDataSource file = new SQLiteDataSource();
    file.setUrl("jdbc:sqlite:" + dir.resolve("fresh.db"));
    Database.flyway(file, file.getUrl()).migrate();
    sqlite = file;
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  @Test
  void both_have_the_same_tables_with_the_same_columns() throws SQLException {
    SortedMap<String, SortedSet<String>> expected = columns(sqlite);
    SortedMap<String, SortedSet<String>> actual = columns(postgres);

    assertThat(expected).as("SQLite tables").containsKey("exchanges").hasSizeGreaterThan(20);
    assertThat(actual.keySet()).as("tables").isEqualTo(expected.keySet());
    for (Map.Entry<String, SortedSet<String>> table : expected.entrySet()) {
      assertThat(actual.get(table.getKey()))
          .as("columns of " + table.getKey())
          .isEqualTo(table.getValue());
    }
  }

  @Test
  void both_report_the_same_schema_version() throws SQLException {
    String latest = String.valueOf(Database.LATEST_MIGRATION);
    assertThat(version(sqlite)).isEqualTo(latest);
    assertThat(version(postgres)).isEqualTo(latest);
  }

  @Test
  void both_have_the_same_named_indexes_and_triggers() throws SQLException {
    assertThat(names(postgres, POSTGRES_INDEXES))
        .as("indexes")
        .isEqualTo(
            names(
                sqlite, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        .contains("exchanges_ts", "concept_links_strength");
    assertThat(names(postgres, "SELECT DISTINCT trigger_name FROM information_schema.triggers"))
        .as("triggers")
        .isEqualTo(names(sqlite, "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        .contains("concept_links_insert", "graph_version_concept_out");
  }

  @Test
  void the_growing_tables_are_hash_partitioned_by_learner_and_a_learner_lives_in_one_partition()
      throws SQLException {
    assertThat(
            names(
                postgres,
                "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid"
                    + " WHERE p.partstrat = 'h'"))
        .containsExactlyInAnyOrderElementsOf(PARTITIONED);
    assertThat(
            row(
                postgres,
                "SELECT count(*), 0 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE c.relkind = 'r'"))
        .isEqualTo(PARTITIONED.size() * 16 + "/0");
    try (Connection c = postgres.getConnection();
        Statement st = c.createStatement()) {
      for (int i = 0; i < 20; i++) {
        st.execute(
            "INSERT INTO exchanges (learner_id, id, session_id, ts_utc, utc_offset_s,"
                + " fingerprint, ingested_utc) VALUES ('alice', 'x"
                + i
                + "', 's', "
                + i
                + ", 0, 0, 0)");
      }
      assertThat(row(st, "SELECT count(DISTINCT tableoid), count(DISTINCT rid) FROM exchanges"))
          .as("one partition, a fresh id for each row")
          .isEqualTo("1/20");
      st.execute("DELETE FROM exchanges");
    }
  }

  @Test
  void the_postgres_graph_triggers_keep_links_and_version_as_sqlite_does() throws SQLException {
    for (DataSource ds : new DataSource[] {sqlite, postgres}) {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO concepts (name) VALUES ('t1'), ('t2')");
        st.execute(
            "INSERT INTO concept_relations (id, source, target, type, strength, fingerprint,"
                + " ingested_utc) VALUES ('r1', 't1', 't2', 'BUILDS_ON', 0.4, 1, 0),"
                + " ('r2', 't1', 't2', 'BUILDS_ON', 0.7, 2, 0),"
                + " ('r3', 't1', 't2', 'BUILDS_ON', NULL, 3, 0)");
        st.execute("DELETE FROM concept_relations WHERE id = 'r2'");
        assertThat(row(st, "SELECT strength, observations FROM concept_links"))
            .as("after deleting the strongest of three")
            .isEqualTo("0.4/2");
        assertThat(row(st, "SELECT v, 0 FROM graph_version")).isEqualTo("6/0");
        st.execute("DELETE FROM concept_relations");
        st.execute("DELETE FROM concepts");
      }
    }
  }

  /** Every table but Flyway's, each with its column names, all lower-cased. */
  private static SortedMap<String, SortedSet<String>> columns(DataSource ds) throws SQLException {
    SortedMap<String, SortedSet<String>> tables = new TreeMap<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs =
          meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
        while (rs.next()) {
          tables.put(lower(rs.getString("TABLE_NAME")), new TreeSet<>());
        }
      }
      tables.remove(HISTORY);
      if (ds == postgres) {
        tables.keySet().removeAll(names(ds, PARTITIONS));
      }
      for (Map.Entry<String, SortedSet<String>> table : tables.entrySet()) {
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), table.getKey(), "%")) {
          while (rs.next()) {
            table.getValue().add(lower(rs.getString("COLUMN_NAME")));
          }
        }
      }
    }
    return tables;
  }

  private static String version(DataSource ds) throws SQLException {
    return row(
            ds,
            "SELECT version, 0 FROM "
                + HISTORY
                + " WHERE success AND version IS NOT NULL"
                + " ORDER BY installed_rank DESC LIMIT 1")
        .replace("/0", "");
  }

  private static Set<String> names(DataSource ds, String sql) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        names.add(lower(rs.getString(1)));
      }
    }
    return names;
  }

  private static String row(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      return row(st, sql);
    }
  }

  /** The first row's two columns as "a/b". */
  private static String row(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1) + "/" + rs.getString(2);
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
