package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.DemoData;
import io.learnlytics.testing.TestConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is particular to the PostgreSQL store: the move from SQLite, proven by the export checksum;
 * the URL form of {@code --db}; one server per database; and the one thing PostgreSQL text cannot
 * hold. (Everything else is the contract suite, which runs on both stores.)
 */
class PostgresStoreTest {
  private static EmbeddedPostgres pg;
  private static int databases;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  /** A new, empty database in the C collation, as README tells a user to create one. */
  private static String newDatabase() throws SQLException {
    String name = "store_" + ++databases;
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + " TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    return "postgresql://postgres@localhost:" + pg.getPort() + "/" + name;
  }

  @Test
  void migrate_copies_a_sqlite_install_with_two_learners_and_the_checksums_match()
      throws Exception {
    Path file = dir.resolve("single.db");
    Config config = TestConfig.forDb(file).build().withDb(DbLocation.file(file));
    try (App app = new App(config, Clock.systemUTC(), new PrometheusRegistry())) {
      DemoData.load(app);
      app.putLearner(new LearnerSettings("alice", null, null, null));
      app.workspace("alice").orElseThrow().ingest().ingest(events("a1", "bonjour"));
    }
    String url = newDatabase();

    Cli.Run run = Cli.run("migrate", "--from", file.toString(), "--to", url, "--timezone", "UTC");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("checksums match");
    List<String> sums =
        run.out()
            .lines()
            .filter(l -> l.startsWith("export checksum"))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .toList();
    assertThat(sums).hasSize(2);
    assertThat(sums.get(0)).startsWith("sha256:").isEqualTo(sums.get(1));
    try (Database sqlite = Database.open(file);
        Database postgres =
            Database.open(DbLocation.parse(url), Database.DEFAULT_LOCK_TIMEOUT, false)) {
      assertThat(counts(postgres)).isEqualTo(counts(sqlite));
      assertThat(counts(sqlite).get("exchanges")).isGreaterThan(1000);
    }

    // New rows get fresh ids after the copied ones, and a second migrate into it is refused.
    Config onPostgres = config.withDb(DbLocation.parse(url));
    try (App app = new App(onPostgres, Clock.systemUTC(), new PrometheusRegistry())) {
      assertThat(
              app.workspace("alice")
                  .orElseThrow()
                  .ingest()
                  .ingest(events("a2", "encore"))
                  .accepted())
          .isEqualTo(2);
    }
    Cli.Run again = Cli.run("migrate", "--from", file.toString(), "--to", url, "--timezone", "UTC");
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("already holds").contains("new, empty database");
  }

  @Test
  void text_with_a_nul_character_is_refused_by_field_and_nothing_of_the_batch_is_stored()
      throws Exception {
    String url = newDatabase();
    Config config = TestConfig.in(dir).build().withDb(DbLocation.parse(url));
    try (App app = new App(config, Clock.systemUTC(), new PrometheusRegistry())) {
      List<JsonNode> batch = events("n1", "fine");
      ((ObjectNode) batch.get(1)).put("agent_text", "a\u0000b");

      assertThatThrownBy(() -> app.ingest().ingest(batch))
          .isInstanceOf(ApiException.InvalidInput.class)
          .satisfies(
              e ->
                  assertThat(((ApiException.InvalidInput) e).details().get(0).field())
                      .isEqualTo("agent_text"))
          .hasMessageContaining("1 of 2");
      assertThat(((ApiException.InvalidInput) catchInvalid(app, batch)).details().get(0).message())
          .contains("U+0000 at character 1");
      assertThat(Counts.of(app.db()).get("exchanges")).isZero();
    }
  }

  @Test
  @SuppressWarnings("try") // the lock is held, not used
  void a_second_server_on_the_same_database_is_refused_until_the_first_stops() throws Exception {
    DbLocation db = DbLocation.parse(newDatabase());
    try (ServerLock first = ServerLock.acquire(db)) {
      assertThatThrownBy(() -> ServerLock.acquire(db))
          .isInstanceOf(UnusableDatabaseException.class)
          .hasMessageContaining("in use by another Learnlytics server");
    }
    ServerLock.acquire(db).close();
  }

  @Test
  void a_url_keeps_its_password_out_of_what_is_shown() {
    DbLocation.Postgres db =
        (DbLocation.Postgres)
            DbLocation.parse("postgresql://ll:s%40cret@db.example:5433/learn?sslmode=require");

    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/learn?sslmode=require");
    assertThat(db.user()).contains("ll");
    assertThat(db.password()).contains("s@cret");
    assertThat(db.toString())
        .isEqualTo("postgresql://ll@db.example:5433/learn")
        .doesNotContain("cret");
    assertThat(DbLocation.parse("data/x.db")).isEqualTo(DbLocation.file(Path.of("data/x.db")));
    assertThatThrownBy(() -> DbLocation.parse("postgresql:///nohost"))
        .hasMessageContaining("names no host");
  }

  private static Throwable catchInvalid(App app, List<JsonNode> batch) {
    try {
      app.ingest().ingest(batch);
      throw new AssertionError("accepted");
    } catch (ApiException.InvalidInput e) {
      return e;
    }
  }

  private static List<JsonNode> events(String id, String text) throws IOException {
    String json =
        """
        [{"kind":"exchange","id":"ID-x","session_id":"ID-s","timestamp":"2026-11-30T10:00:00Z",
          "user_text":"TEXT","agent_text":"ok","duration_ms":1000,"topics":["french"]},
         {"kind":"exchange","id":"ID-y","session_id":"ID-s","timestamp":"2026-11-30T10:01:00Z",
          "user_text":"TEXT","agent_text":"ok","duration_ms":1000,"topics":["french"]}]
        """
            .replace("ID", id)
            .replace("TEXT", text);
    JsonNode array = Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static Map<String, Long> counts(Database db) throws SQLException {
    return db.reader().withHandle(h -> Counts.ofWholeFile(h.getConnection()));
  }
}
