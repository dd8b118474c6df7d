package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.store.DbLocation;
import io.learnlytics.sync.SyncService;
import io.learnlytics.sync.SyncService.TableReport;
import io.learnlytics.sync.VoiceAgentSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-sync}: builds a voice-assistant capture database of N rows (with the assistant's
 * DDL, naive UTC timestamps and JSON metadata), syncs it into a fresh Learnlytics database, then
 * times incremental passes that each find 100 new rows.
 */
@Command(
    name = "bench-sync",
    mixinStandardHelpOptions = true,
    description = "Benchmark: sync N assistant captures, then incremental passes of 100 rows.")
final class BenchSyncCommand implements Callable<Integer> {
  private static final DateTimeFormatter NAIVE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  @Option(names = "--captures", defaultValue = "1000000", description = "Captures to generate")
  int captures;

  @Option(names = "--rounds", defaultValue = "20", description = "Incremental passes to time")
  int rounds;

  @Option(
      names = "--topics",
      defaultValue = "40",
      description = "Distinct topics the captures' metadata draws from (try 5000 for many topics)")
  int topics;

  /** Words for question and answer text of the lengths a voice assistant produces. */
  private static final String WORDS =
      "the derivative of a function measures how its output changes as the input changes and"
          + " the integral adds up those changes over an interval so the two operations undo"
          + " each other which is the fundamental theorem of calculus stated informally ";

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("learnlytics-bench-sync");
    Path agent = Files.createDirectories(dir.resolve("agent"));
    Path source = agent.resolve("learning_captures.db");
    long t0 = System.nanoTime();
    long next = generate(source, 0, captures, topics);
    System.out.printf(
        "generated %,d captures in %.1f s%n", captures, (System.nanoTime() - t0) / 1e9);
    Config config =
        Config.defaults().withDb(DbLocation.file(dir.resolve("ours.db"))).withZone(ZoneOffset.UTC);
    try (App app = App.open(config)) {
      SyncService sync =
          new SyncService(VoiceAgentSource.folder(agent), app.ingest(), app.db(), app.clock());
      fullSync(sync);
      incrementalPasses(sync, source, next);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  private static void fullSync(SyncService sync) {
    long t1 = System.nanoTime();
    List<TableReport> full = sync.pass();
    double seconds = (System.nanoTime() - t1) / 1e9;
    long rows = full.stream().mapToLong(TableReport::rowsRead).sum();
    long accepted = full.stream().mapToLong(TableReport::eventsAccepted).sum();
    long skipped = full.stream().mapToLong(TableReport::skipped).sum();
    System.out.printf(
        "full sync: %,d rows (%,d events stored, %,d rows skipped) in %.1f s = %,.0f rows/s"
            + " (rollups not refreshed)%n",
        rows, accepted, skipped, seconds, rows / seconds);
  }

  /** Times {@code rounds} passes that each find 100 new captures from sequence {@code next}. */
  private void incrementalPasses(SyncService sync, Path source, long next) throws SQLException {
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      next = generate(source, next, 100, topics);
      long t2 = System.nanoTime();
      sync.pass();
      ms[r] = (System.nanoTime() - t2) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        "incremental pass finding 100 new rows: min %.1f ms, median %.1f ms, max %.1f ms (%d"
            + " rounds)%n",
        ms[0], ms[rounds / 2], ms[rounds - 1], rounds);
  }

  /**
   * Appends {@code n} captures as the assistant writes them (questions of 20-120 characters,
   * answers of 100-1,000, one to three topics); returns the next sequence number.
   */
  private static long generate(Path file, long from, int n, int topicCount) throws SQLException {
    Random random = new Random(from);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      createCaptures(c);
      c.setAutoCommit(false);
      long start = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO captures (session_id, timestamp, user_text, agent_text, metadata)"
                  + " VALUES (?,?,?,?,?)")) {
        for (long i = from; i < from + n; i++) {
          bindCapture(ps, i, start, random, topicCount);
          ps.addBatch();
          if ((i + 1) % 10_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
    return from + n;
  }

  /** Capture number {@code i}: sessions of eight, one every two and a half minutes. */
  private static void bindCapture(
      PreparedStatement ps, long i, long start, Random random, int topicCount) throws SQLException {
    ps.setString(1, "session-" + i / 8);
    ps.setString(2, NAIVE.format(Instant.ofEpochMilli(start + i * 150_000)));
    ps.setString(3, i + " " + text(random, 20, 120));
    ps.setString(4, text(random, 100, 1000));
    ps.setString(5, metadata(random, topicCount));
  }

  private static void createCaptures(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS captures (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " session_id TEXT NOT NULL, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP,"
              + " user_text TEXT NOT NULL, agent_text TEXT NOT NULL, metadata TEXT)");
    }
  }

  /** One to three topics of {@code topicCount} and a duration of 2 to 22 s, as JSON. */
  private static String metadata(Random random, int topicCount) {
    StringBuilder meta = new StringBuilder("{\"topics\":[");
    for (int t = 1 + random.nextInt(3); t > 0; t--) {
      meta.append("\"topic ").append(random.nextInt(topicCount)).append(t > 1 ? "\"," : "\"");
    }
    meta.append("],\"duration_ms\":").append(2000 + random.nextInt(20000)).append('}');
    return meta.toString();
  }

  private static String text(Random random, int min, int max) {
    int length = min + random.nextInt(max - min);
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      int start = random.nextInt(WORDS.length() - 20);
      sb.append(WORDS, start, Math.min(WORDS.length(), start + length - sb.length()));
    }
    return sb.toString();
  }
}
