package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.store.Counts;
import io.learnlytics.store.Database;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 7: {@code backup} copies a database while a real server (its own process) ingests
 * over HTTP, and {@code restore} brings back exactly that copy — equal counts, equal export
 * checksum — keeping the database it replaced.
 */
class BackupRestoreTest {
  private static final Pattern COUNT = Pattern.compile("^\\s+(\\w+)\\s+([\\d,]+) rows$");
  private static final Pattern CHECKSUM = Pattern.compile("export checksum (sha256:[0-9a-f]{64})");
  private static final Config UTC = Config.defaults().withZone(ZoneId.of("UTC"));

  @TempDir Path dir;

  @Test
  void a_backup_taken_during_ingest_restores_to_the_same_counts_and_export_checksum()
      throws Exception {
    Path db = demo("learn.db");
    Map<String, Long> demo = counts(db);
    Path backup = dir.resolve("backups").resolve("learn-backup.db");
    Cli.Run run;
    int acknowledged;
    try (ServerProcess server = ServerProcess.start(db, List.of());
        Ingester ingest = Ingester.start(server.port())) {
      ingest.awaitAcknowledged(3);
      run =
          Cli.run("backup", "--db", db.toString(), "--out", backup.toString(), "--timezone", "UTC");
      ingest.awaitAcknowledged(ingest.acknowledged() + 3); // the server kept ingesting
      server.kill(); // kill -9: the newest batches stay in the WAL beside the file
      acknowledged = ingest.acknowledged();
      assertThat(ingest.failure()).isNull();
    }
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("integrity ok").contains(backup.toString());
    Map<String, Long> backedUp = printedCounts(run.out());
    assertWholeBatches(backedUp, demo);
    assertThat(Files.list(backup.getParent()).toList()).containsExactly(backup);

    Cli.Run restore =
        Cli.run("restore", "--db", db.toString(), "--from", backup.toString(), "--timezone", "UTC");

    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(printedCounts(restore.out())).isEqualTo(backedUp);
    assertThat(checksum(restore.out())).isEqualTo(checksum(run.out()));
    assertThat(counts(db)).isEqualTo(backedUp);
    assertThat(ExportChecksum.of(UTC, db)).isEqualTo(checksum(run.out()));
    Path before = onlyBeforeRestore();
    assertThat(restore.out()).contains("kept as " + before);
    assertThat(counts(before).get("exchanges"))
        .as("the replaced database keeps every acknowledged batch, WAL included")
        .isGreaterThanOrEqualTo(demo.get("exchanges") + (long) acknowledged * Ingester.BATCH)
        .isGreaterThan(backedUp.get("exchanges"));
  }

  @Test
  void a_restore_into_an_empty_place_needs_no_previous_database() throws Exception {
    Path db = demo("learn.db");
    Path backup = dir.resolve("learn.backup");
    Cli.Run run =
        Cli.run("backup", "--db", db.toString(), "--out", backup.toString(), "--timezone", "UTC");
    assertThat(run.code()).as(run.err()).isZero();
    Path fresh = dir.resolve("elsewhere").resolve("fresh.db");

    Cli.Run restore =
        Cli.run(
            "restore", "--db", fresh.toString(), "--from", backup.toString(), "--timezone", "UTC");

    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("there was no database before");
    assertThat(checksum(restore.out())).isEqualTo(checksum(run.out()));
    assertThat(counts(fresh)).isEqualTo(counts(db));
    assertThat(Files.list(fresh.getParent()).toList()).containsExactly(fresh);
  }

  /** A consistent copy holds the demo plus a whole number of batches, each its own session. */
  private static void assertWholeBatches(Map<String, Long> copy, Map<String, Long> demo) {
    long added = copy.get("exchanges") - demo.get("exchanges");
    assertThat(added).as("exchanges added during ingest").isPositive();
    assertThat(added % Ingester.BATCH).as("a batch copied in part").isZero();
    assertThat(copy.get("sessions") - demo.get("sessions")).isEqualTo(added / Ingester.BATCH);
  }

  private Path demo(String name) {
    Path db = dir.resolve(name);
    Cli.Run demo = Cli.run("demo", "--db", db.toString(), "--days", "20", "--timezone", "UTC");
    assertThat(demo.code()).as(demo.err()).isZero();
    return db;
  }

  private Path onlyBeforeRestore() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> before =
          files
              .filter(
                  f -> f.getFileName().toString().matches("learn\\.db\\.before-restore-[\\d-]+"))
              .toList();
      assertThat(before).hasSize(1);
      return before.get(0);
    }
  }

  private static Map<String, Long> counts(Path db) {
    try (Database d = Database.open(db)) {
      return Counts.of(d);
    }
  }

  private static Map<String, Long> printedCounts(String out) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      Matcher m = COUNT.matcher(line);
      if (m.matches()) {
        counts.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
      }
    }
    assertThat(counts).as(out).containsKeys("exchanges", "sessions", "feedback");
    return counts;
  }

  private static String checksum(String out) {
    Matcher m = CHECKSUM.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }
}
