package io.learnlytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench-rollup}: on a database made by {@code bench-ingest --db FILE}, times a full rebuild
 * of all rollup levels, the incremental refresh after a 100-event batch, and — for comparison — the
 * specification's hourly aggregation SQL and a plain GROUP BY over the same rows.
 */
@Command(
    name = "bench-rollup",
    mixinStandardHelpOptions = true,
    description = "Benchmark: rollup rebuild and incremental refresh on a bench-ingest database.")
final class BenchRollupCommand implements Callable<Integer> {
  @Mixin ShapeOption shape;

  /**
   * The specification's hourly SQL, on our columns and over the default learner's whole history
   * (the sub-selects match the outer row's learner, as a join between learners' tables must).
   */
  static final String SPEC_HOURLY_SQL =
      "SELECT strftime('%Y-%m-%d %H:00:00', c.ts_utc / 1000, 'unixepoch') AS period_start,"
          + " COUNT(DISTINCT session_id) AS session_count, COUNT(*) AS exchange_count,"
          + " (SELECT AVG(composite) FROM quality_scores"
          + "   WHERE learner_id = c.learner_id AND ts_utc >= c.ts_utc / 3600000 * 3600000"
          + "     AND ts_utc < c.ts_utc / 3600000 * 3600000 + 3600000) AS avg_quality_composite,"
          + " (SELECT COUNT(*) FROM feedback"
          + "   WHERE learner_id = c.learner_id AND ts_utc >= c.ts_utc / 3600000 * 3600000"
          + "     AND ts_utc < c.ts_utc / 3600000 * 3600000 + 3600000) AS feedback_count,"
          + " (SELECT CAST(SUM(CASE WHEN type IN ('thumbs_up', 'copy') THEN 1 ELSE 0 END) AS FLOAT)"
          + "     / NULLIF(COUNT(*), 0) FROM feedback"
          + "   WHERE learner_id = c.learner_id AND ts_utc >= c.ts_utc / 3600000 * 3600000"
          + "     AND ts_utc < c.ts_utc / 3600000 * 3600000 + 3600000) AS positive_feedback_rate"
          + " FROM exchanges c WHERE c.learner_id = ?"
          + " GROUP BY strftime('%Y-%m-%d %H', c.ts_utc / 1000, 'unixepoch')";

  static final String PLAIN_GROUP_BY =
      "SELECT ts_utc / 3600000, COUNT(*), SUM(duration_ms) FROM exchanges WHERE learner_id = ?"
          + " GROUP BY 1";

  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "bench-ingest database")
  Path db;

  @Option(names = "--runs", defaultValue = "3", description = "Runs of each measurement")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(db)) {
      System.err.println(db + " does not exist; create it with: bench-ingest --db " + db);
      return 1;
    }
    Config config = BenchDatabase.config(db, shape.get());
    try (App app = App.open(config)) {
      double[] rebuild = new double[runs];
      int rows = 0;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        rows = app.rollups().rebuild(null, null);
        rebuild[i] = ms(t0);
      }
      report("full rebuild of all levels (" + rows + " rows)", rebuild);
      report("incremental refresh after a 100-event batch", incremental(app, runs * 5));
      double[] spec = timeQuery(app, SPEC_HOURLY_SQL);
      report("spec hourly SQL (SQLite, whole history)", spec);
      double[] plain = timeQuery(app, PLAIN_GROUP_BY);
      report("plain GROUP BY over exchanges", plain);
      System.out.printf(
          "rebuild / spec hourly SQL: %.2f, rebuild / plain GROUP BY: %.2f (medians, same run)%n",
          median(rebuild) / median(spec), median(rebuild) / median(plain));
    }
    return 0;
  }

  /** Ingests 100 events into the newest day (a new session), then times the refresh alone. */
  private static double[] incremental(App app, int rounds) {
    long newest =
        app.db()
            .reader()
            .withHandle(
                h ->
                    h.createQuery("SELECT max(ts_utc) FROM exchanges WHERE learner_id = ?")
                        .bind(0, app.db().learner())
                        .mapTo(Long.class)
                        .one());
    double[] times = new double[rounds];
    String run = Long.toString(System.currentTimeMillis(), 36); // fresh ids on every invocation
    for (int round = 0; round < rounds; round++) {
      app.ingest().ingest(batch(run + "-" + round, newest - 3_600_000L + round * 1000L));
      long t0 = System.nanoTime();
      app.rollups().refreshDirty();
      times[round] = ms(t0);
    }
    return times;
  }

  private static List<JsonNode> batch(String round, long start) {
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = "bench-" + round + "-" + i;
      String ts = Instant.ofEpochMilli(start + i * 10_000L).toString();
      ObjectNode x = Json.MAPPER.createObjectNode().put("kind", "exchange").put("id", id);
      x.put("session_id", "bench-session-" + round).put("timestamp", ts).put("duration_ms", 4000);
      x.putArray("topics").add("benchmarks");
      ObjectNode q = Json.MAPPER.createObjectNode().put("kind", "quality").put("id", id + "-q");
      q.put("exchange_id", id).put("timestamp", ts).put("composite", 0.8);
      events.add(x);
      events.add(q);
    }
    return events;
  }

  private double[] timeQuery(App app, String sql) throws Exception {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      try (Connection c = app.db().reader().open().getConnection();
          PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, app.db().learner());
        long t0 = System.nanoTime();
        long n = 0;
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            n++;
          }
        }
        times[i] = ms(t0);
        if (n == 0) {
          throw new IllegalStateException("query returned no rows: " + sql);
        }
      }
    }
    return times;
  }

  private static void report(String what, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-48s min %8.1f ms  median %8.1f ms  max %8.1f ms  (%d runs)%n",
        what, sorted[0], median(ms), sorted[sorted.length - 1], ms.length);
  }

  private static double median(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
