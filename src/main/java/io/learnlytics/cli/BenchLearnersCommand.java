package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.config.Config;
import io.learnlytics.demo.DemoGenerator;
import io.learnlytics.demo.DemoOptions;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.rollup.Period;
import io.learnlytics.store.Counts;
import io.learnlytics.store.DbLocation;
import io.learnlytics.store.StoreSize;
import io.learnlytics.support.Json;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-learners}: many learners in one database. Adds N learners in six zones, each with
 * their own generated history (different seeds, so different sessions, topics and hours), ingests
 * every history as one batch per learner, refreshes every learner's rollups, then times one
 * learner's overview computed without the cache for learners drawn at random.
 */
@Command(
    name = "bench-learners",
    mixinStandardHelpOptions = true,
    description = "Benchmark: N learners x M exchanges in one database (ingest, refresh, reads).")
final class BenchLearnersCommand implements Callable<Integer> {
  /** Where the learners live: both hemispheres, half-hour zones and a 4 o'clock day start. */
  static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("America/New_York"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Australia/Sydney"));

  static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);

  @Option(names = "--learners", defaultValue = "1000", description = "Learners to add")
  int learners;

  @Option(
      names = "--exchanges",
      defaultValue = "500",
      description = "Exchanges per learner (with their scores, feedback and relations)")
  int exchanges;

  @Option(names = "--days", defaultValue = "90", description = "Days each history spans")
  int days;

  @Option(names = "--reads", defaultValue = "500", description = "Uncached overviews to time")
  int reads;

  @Option(
      names = "--steady-seconds",
      defaultValue = "60",
      description = "How long the steady stream for the refresh lag runs (0: none)")
  int steadySeconds;

  @Option(
      names = "--steady-rate",
      defaultValue = "2000",
      description = "Events a second in the steady stream")
  int steadyRate;

  @Option(
      names = "--db",
      paramLabel = "FILE|URL",
      required = true,
      description = "A new SQLite file, or an empty PostgreSQL database (postgresql://...)")
  String db;

  @Override
  public Integer call() throws Exception {
    DbLocation location = DbLocation.parse(db);
    if (location.sqliteFile().map(Files::exists).orElse(false)) {
      System.err.println("bench-learners needs a fresh database; " + db + " exists");
      return 1;
    }
    Config config = BenchDatabase.config(location, io.learnlytics.demo.BenchShape.LONG_SESSIONS);
    Clock now =
        Clock.fixed(LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
    try (App app = new App(config, now, new PrometheusRegistry())) {
      if (app.learners().ids().size() > 1 || !Counts.isEmpty(app.db())) {
        System.err.println("bench-learners needs an empty database; " + location + " has data");
        return 1;
      }
      addLearners(app);
      ingest(app);
      refresh(app);
      reads(app);
      long bytes = StoreSize.bytes(app.db());
      System.out.printf(
          "database %,d MiB, %,.0f bytes per event%n", bytes >> 20, (double) bytes / events.get());
      if (steadySeconds > 0) {
        app.startBackground();
        new SteadyLag(app, learners).run(steadyRate, steadySeconds, LAST_DAY);
      }
    }
    return 0;
  }

  private final AtomicLong events = new AtomicLong();

  static String id(int i) {
    return String.format("learner-%05d", i);
  }

  private void addLearners(App app) {
    long t0 = System.nanoTime();
    for (int i = 0; i < learners; i++) {
      app.putLearner(
          new LearnerSettings(id(i), ZONES.get(i % ZONES.size()), i % 5 == 0 ? 4 : null, null));
    }
    System.out.printf(
        "added %,d learners (default goals each) in %.1f s%n",
        learners, (System.nanoTime() - t0) / 1e9);
  }

  /** Generates each learner's history and ingests it as one NDJSON batch. */
  private void ingest(App app) {
    long generating = 0;
    long ingesting = 0;
    for (int i = 0; i < learners; i++) {
      long t0 = System.nanoTime();
      byte[] batch = history(i);
      long t1 = System.nanoTime();
      IngestResult r = workspace(app, id(i)).ingest().ingest(batch, true);
      ingesting += System.nanoTime() - t1;
      generating += t1 - t0;
      events.addAndGet(r.accepted());
    }
    System.out.printf(
        "ingested %,d events for %,d learners in %.1f s = %,.0f events/s"
            + " (generating them took another %.1f s)%n",
        events.get(),
        learners,
        ingesting / 1e9,
        events.get() / (ingesting / 1e9),
        generating / 1e9);
  }

  private byte[] history(int learner) {
    ZoneId zone = ZONES.get(learner % ZONES.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    new DemoGenerator(
            new DemoOptions(learner + 1L, days, LAST_DAY, zone, (double) exchanges / days))
        .generate(
            e -> {
              try {
                Json.MAPPER.writeValue(out, e);
                out.write('\n');
              } catch (IOException ex) {
                throw new UncheckedIOException(ex);
              }
            });
    return out.toByteArray();
  }

  private void refresh(App app) {
    long t0 = System.nanoTime();
    long rows = 0;
    for (int i = 0; i < learners; i++) {
      rows += workspace(app, id(i)).rollups().refreshDirty();
    }
    System.out.printf(
        "refreshed every learner's rollups: %,d rows in %.1f s%n",
        rows, (System.nanoTime() - t0) / 1e9);
  }

  /** Times overviews of random learners, straight from the services (no HTTP, no cache). */
  private void reads(App app) {
    Random random = new Random(16);
    for (String period : List.of("7d", "30d", "365d")) {
      long[] nanos = new long[reads];
      for (int i = 0; i < reads; i++) {
        Workspace ws = workspace(app, id(random.nextInt(learners)));
        long t0 = System.nanoTime();
        ws.dashboard().overview().overview(Period.parse(period));
        nanos[i] = System.nanoTime() - t0;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "overview %s of one learner, uncached, %d random learners: P50 %.2f ms, P95 %.2f ms,"
              + " max %.2f ms%n",
          period, reads, pct(nanos, 50), pct(nanos, 95), nanos[nanos.length - 1] / 1e6);
    }
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  private static Workspace workspace(App app, String id) {
    return app.workspace(id).orElseThrow();
  }
}
