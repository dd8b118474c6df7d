package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read limit on the store of the run (SQLite, or PostgreSQL with {@code
 * -Dlearnlytics.test.store=postgresql}): a runaway query is stopped near the limit as {@link
 * StoreFault#TIMEOUT}, and the connection goes back to the pool without the limit.
 */
class QueryLimitTest {
  /** Counts to 100 million: tens of seconds on either store, unless stopped. */
  static final String RUNAWAY =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
          + " SELECT count(*) FROM n";

  /** Counts to 200 000: well under a second. */
  static final String SHORT =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
          + " SELECT count(*) FROM n";

  @TempDir Path dir;

  @Test
  void a_runaway_read_is_stopped_at_the_limit_as_a_timeout() {
    try (Database db = TestStores.open(dir.resolve("limit.db"))) {
      long t0 = System.nanoTime();
      Throwable t =
          catchThrowable(() -> QueryLimit.call(Duration.ofMillis(300), () -> count(db, RUNAWAY)));
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertThat(t).isNotNull();
      assertThat(StoreFault.of(t)).as(String.valueOf(t)).isEqualTo(StoreFault.TIMEOUT);
      assertThat(ms).as("stopped after %d ms", ms).isBetween(250L, 3_000L);
    }
  }

  @Test
  void reads_without_a_limit_and_reads_after_a_stopped_one_run_to_their_end() throws Exception {
    try (Database db = TestStores.open(dir.resolve("after.db"))) {
      for (int i = 0; i < 6; i++) { // more than the read pool's connections: each was limited
        Throwable t =
            catchThrowable(() -> QueryLimit.call(Duration.ofMillis(50), () -> count(db, RUNAWAY)));
        assertThat(StoreFault.of(t)).isEqualTo(StoreFault.TIMEOUT);
      }
      for (int i = 0; i < 6; i++) {
        assertThat(count(db, SHORT)).isEqualTo(200_000L);
      }
      assertThat(QueryLimit.call(Duration.ofSeconds(30), () -> count(db, SHORT)))
          .isEqualTo(200_000L);
      assertThat(QueryLimit.call(Duration.ZERO, () -> count(db, SHORT))).isEqualTo(200_000L);
    }
  }

  @Test
  void writes_are_never_limited() throws Exception {
    try (Database db = TestStores.open(dir.resolve("write.db"))) {
      long n =
          QueryLimit.call(
              Duration.ofNanos(1),
              () -> db.writer().withHandle(h -> h.createQuery(SHORT).mapTo(Long.class).one()));
      assertThat(n).isEqualTo(200_000L);
    }
  }

  static long count(Database db, String sql) {
    return db.reader().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
