package io.learnlytics.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import io.learnlytics.testing.Await;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the assistant keeps writing while Learnlytics reads, and a sync may die half-way —
 * every row still arrives exactly once.
 */
class SyncUnderLoadTest {
  @TempDir Path dir;

  /** Inserts {@code n} captures in transactions of {@code per}, ending with a commit each. */
  static void write(Path captures, int from, int n, int per) throws Exception {
    write(captures, from, n, per, 0);
  }

  /** As above, pausing after each commit, as an assistant in conversation writes. */
  static void write(Path captures, int from, int n, int per, long pauseMillis) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + captures)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO captures (session_id, timestamp, user_text, agent_text, metadata)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        for (int i = from; i < from + n; i++) {
          ps.setString(1, "s" + (i / 5));
          ps.setString(
              2,
              String.format(
                  "2025-11-%02d %02d:%02d:%02d", 1 + i % 28, (i / 60) % 24, i % 60, i % 60));
          ps.setString(3, "q" + i);
          ps.setString(4, "a" + i);
          ps.setString(5, "{\"topics\":[\"t" + (i % 7) + "\"]}");
          ps.executeUpdate();
          if ((i + 1) % per == 0) {
            c.commit();
            if (pauseMillis > 0) {
              Thread.sleep(pauseMillis);
            }
          }
        }
        c.commit();
      }
    }
  }

  static long exchanges(Path db) {
    try (Database d = Database.open(db)) {
      return d.reader()
          .withHandle(h -> h.createQuery("SELECT count(*) FROM exchanges").mapTo(Long.class).one());
    }
  }

  @Test
  void rows_written_during_the_sync_all_arrive_once() throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    agent.create(true); // WAL, as a running assistant has it
    Path db = dir.resolve("ours.db");
    AtomicBoolean done = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try {
                write(agent.captures(), 0, 3000, 7, 5);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              } finally {
                done.set(true);
              }
            });
    writer.start();
    int passes = 0;
    while (!done.get()) {
      assertThat(syncOnce(db, agent)).isZero();
      passes++;
    }
    writer.join();
    assertThat(syncOnce(db, agent)).isZero();

    assertThat(passes).isGreaterThan(1);
    assertThat(exchanges(db)).isEqualTo(3000);
  }

  @Test
  void a_sync_killed_half_way_resumes_from_its_watermark() throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    agent.create(false);
    write(agent.captures(), 0, 60_000, 60_000);
    Path db = dir.resolve("ours.db");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.learnlytics.cli.Main",
                "sync",
                "--db",
                db.toString(),
                "--timezone",
                "UTC",
                "--source-dir",
                agent.dir.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    // The sync runs in another process: its watermark in the database file is all we can watch.
    Await.until(
        "the sync process to pass rowid 10,000 (or end)",
        () -> !p.isAlive() || watermark(db) >= 10_000,
        Duration.ofSeconds(60));
    p.destroyForcibly(); // kill -9, half-way
    p.waitFor(30, TimeUnit.SECONDS);
    long stoppedAt = watermark(db);

    assertThat(syncOnce(db, agent)).isZero();

    assertThat(stoppedAt).isBetween(1L, 59_999L);
    assertThat(exchanges(db)).isEqualTo(60_000);
    assertThat(watermark(db)).isEqualTo(60_000);
  }

  /** One {@code sync} pass, as a user runs it; returns its exit code. */
  private static int syncOnce(Path db, VoiceAgentFixture agent) {
    return Cli.run(
            "sync",
            "--db",
            db.toString(),
            "--timezone",
            "UTC",
            "--source-dir",
            agent.dir.toString())
        .code();
  }

  private static long watermark(Path db) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT coalesce(max(last_rowid), 0) FROM sync_watermarks WHERE table_name = 'captures'")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (Exception e) {
      return 0; // the schema is not there yet
    }
  }

  @Test
  void serve_tails_the_assistant_and_health_and_metrics_show_the_lag() throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    agent.create(true);
    write(agent.captures(), 0, 10, 10);
    try (ServerProcess server =
        ServerProcess.start(
            dir.resolve("served.db"),
            List.of(),
            "--source",
            "voice-agent:" + agent.dir,
            "--source-interval-seconds",
            "1")) {
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://127.0.0.1:" + server.port() + "/api/health");
      awaitHealth(http, health, "\"watermark\":10");
      write(agent.captures(), 10, 15, 5);
      awaitHealth(http, health, "\"watermark\":25");
      String metrics = body(http, URI.create("http://127.0.0.1:" + server.port() + "/metrics"));

      assertThat(body(http, health)).contains("\"exchanges\":25");
      assertThat(metrics)
          .contains(
              "analytics_sync_watermark_rowid{source=\"voice-agent\",table=\"captures\"} 25.0")
          .contains("analytics_sync_lag_rows{source=\"voice-agent\",table=\"captures\"} 0.0");
    }
  }

  private static String body(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }

  /** The server tails the assistant on its own schedule, in its own process: poll its health. */
  private static void awaitHealth(HttpClient http, URI health, String fragment) {
    Await.until(
        health + " to show " + fragment,
        () -> body(http, health).contains(fragment),
        Duration.ofSeconds(30));
  }
}
