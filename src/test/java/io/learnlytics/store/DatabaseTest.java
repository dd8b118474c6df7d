package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The start skips Flyway only when the schema is exactly the newest this build knows. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void latest_migration_is_the_newest_file_in_db_migration() throws Exception {
    URL folder = getClass().getClassLoader().getResource("db/migration");
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

  @Test
  void only_a_fully_migrated_database_counts_as_up_to_date() {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("a.db"));
    assertThat(Database.upToDate(ds)).as("no schema yet").isFalse();

    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .target("9")
        .load()
        .migrate();
    assertThat(Database.upToDate(ds)).as("older schema").isFalse();

    Database.open(dir.resolve("a.db"), Duration.ofSeconds(1), false).close();
    assertThat(Database.upToDate(ds)).as("after the start migrated it").isTrue();
  }
}
