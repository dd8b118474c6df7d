package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/** The start skips Flyway only when the schema is exactly the newest this build knows. */
class DatabaseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void latest_migration_is_the_newest_file_in_each_migrations_folder(String kind) throws Exception {
    URL folder = getClass().getClassLoader().getResource("db/migration/" + kind);
    Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      newest =
          files
              .map(f -> name.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(Database.LATEST_MIGRATION).isEqualTo(newest);
  }

  /**
   * Flyway validates applied migrations by version, description and checksum, so an existing
   * database keeps opening only while these stay as they were. Recorded from a database migrated
   * before the SQLite files moved to db/migration/sqlite; a released migration is never edited.
   */
  @Test
  void the_sqlite_migrations_keep_the_checksums_existing_databases_recorded() throws Exception {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("sums.db"));
    Database.flyway(ds, ds.getUrl()).migrate();
    Map<String, Integer> sums = new TreeMap<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT script, checksum FROM flyway_schema_history")) {
      while (rs.next()) {
        sums.put(rs.getString(1), rs.getInt(2));
      }
    }
    assertThat(sums)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("V1__raw_events.sql", -2043604238),
                Map.entry("V2__analytics.sql", -446251933),
                Map.entry("V3__rollup_state.sql", -206424669),
                Map.entry("V4__topic_stats.sql", -1885024503),
                Map.entry("V5__default_goals.sql", -1974467490),
                Map.entry("V6__insight_state.sql", -488426973),
                Map.entry("V7__topic_ids.sql", 1244131633),
                Map.entry("V8__sync_watermarks.sql", -632362336),
                Map.entry("V9__drop_session_topics.sql", -357260047),
                Map.entry("V10__binary_day_state.sql", 571342236),
                Map.entry("V11__concept_links.sql", 147970803),
                Map.entry("V12__learners.sql", -2057501708),
                Map.entry("V13__access_tokens.sql", -470388751),
                Map.entry("V14__partitions.sql", 1225203832),
                Map.entry("V15__calendar_history.sql", -445656466)));
  }

  @Test
  void the_migrations_folder_follows_the_jdbc_url() {
    assertThat(Database.migrations("jdbc:sqlite:/tmp/a.db")).isEqualTo(Database.SQLITE_MIGRATIONS);
    assertThat(Database.migrations("jdbc:postgresql://localhost:5432/learnlytics"))
        .isEqualTo(Database.POSTGRESQL_MIGRATIONS);
    assertThatThrownBy(() -> Database.migrations("jdbc:mysql://localhost/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://localhost/db");
  }

  @Test
  void only_a_fully_migrated_database_counts_as_up_to_date() {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("a.db"));
    assertThat(Database.upToDate(ds)).as("no schema yet").isFalse();

    Flyway.configure()
        .dataSource(ds)
        .locations(Database.SQLITE_MIGRATIONS)
        .target("9")
        .load()
        .migrate();
    assertThat(Database.upToDate(ds)).as("older schema").isFalse();

    Database.open(dir.resolve("a.db"), Duration.ofSeconds(1), false).close();
    assertThat(Database.upToDate(ds)).as("after the start migrated it").isTrue();
  }
}
