package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: after any order of ingest and refresh, and after a full rebuild, every rollup row at
 * every level equals the metrics computed directly from the raw events of its bucket, and there is
 * a row exactly for each bucket that holds data.
 */
class RollupExactnessTest {
  @TempDir Path dir;

  static Stream<Arguments> cases() {
    Object[][] zones = {
      {"America/New_York", "2025-11-02T06:00:00Z"}, // fall back: two 01:00 hours
      {"America/New_York", "2025-03-09T07:00:00Z"}, // spring forward: no 02:00 hour
      {"Europe/London", "2025-03-30T01:00:00Z"},
      {"Europe/London", "2025-10-26T01:00:00Z"},
      {"Asia/Kolkata", "2025-06-30T18:30:00Z"}, // local midnight, hours at :30 UTC
      {"Australia/Lord_Howe", "2025-04-05T15:00:00Z"}, // 30-minute fall back
      {"Australia/Lord_Howe", "2025-10-04T15:30:00Z"}, // 30-minute spring forward
    };
    Stream.Builder<Arguments> out = Stream.builder();
    long seed = 1;
    for (Object[] z : zones) {
      out.add(Arguments.of(z[0], z[1], 0, DayOfWeek.MONDAY, seed++));
      out.add(Arguments.of(z[0], z[1], 4, DayOfWeek.SUNDAY, seed++));
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} around {1}, day starts {2}:00, weeks start {3}, seed {4}")
  @MethodSource("cases")
  void rollups_equal_direct_computation_at_every_level(
      String zoneId, String hotspot, int dayStartHour, DayOfWeek weekStart, long seed) {
    ZoneId zone = ZoneId.of(zoneId);
    Instant hot = Instant.parse(hotspot);
    History history = History.random(seed, zone, hot.atZone(zone).minusDays(20), 45, hot);
    Config config =
        TestConfig.in(dir)
            .withZone(zone)
            .withWeekStart(weekStart)
            .withDayStartHour(dayStartHour)
            // Kept forever: the histories lie in 2025, and hourly rows older than the retention
            // window are not written at all.
            .withRetention(new Config.Retention(0, 0))
            .build();
    Random random = new Random(seed);
    try (App app = App.open(config)) {
      Oracle oracle = new Oracle(history, app.rollups().buckets());
      List<List<JsonNode>> batches = history.shuffledBatches(random);
      for (List<JsonNode> batch : batches) {
        app.ingest().ingest(batch);
        if (random.nextInt(4) == 0) {
          app.rollups().refreshDirty(); // refresh mid-way: later batches are late data
        }
      }
      app.ingest().ingest(batches.get(random.nextInt(batches.size()))); // duplicates change nothing
      app.rollups().refreshDirty();
      assertThat(app.rollups().dirtyCount()).isZero();
      assertMatches(app.rollups(), oracle);

      app.rollups().rebuild(null, null);
      assertMatches(app.rollups(), oracle);
    }
  }

  /** Every row at every level equals the oracle's, and exactly the buckets with data have one. */
  static void assertMatches(RollupEngine engine, Oracle oracle) {
    for (Level level : Level.values()) {
      List<Rollup> rows = engine.list(level, Long.MIN_VALUE, Long.MAX_VALUE);
      TreeSet<Long> expected = oracle.bucketStarts(level);
      assertThat(rows)
          .extracting(Rollup::periodStartUtc)
          .as(level.id())
          .containsExactlyElementsOf(expected);
      for (Rollup row : rows) {
        assertThat(row)
            .as("%s %s", level.id(), row.localStart())
            .usingRecursiveComparison()
            .withComparatorForType(
                Comparator.comparingDouble((Double d) -> Math.round(d * 1e9) / 1e9), Double.class)
            .isEqualTo(oracle.rollup(level, row.periodStartUtc()));
      }
    }
  }
}
