package io.learnlytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The full rebuild as the oracle for the server's incremental work: on a consistent copy of the
 * database whose dirty marks the server has drained, reads every column of every rollup row (all of
 * {@code aggregated_metrics} but {@code computed_utc}, and each day state's bytes), runs {@code
 * aggregate --rebuild} on that copy through the real command line, reads them again and requires
 * equality — exact, floating columns included.
 */
final class RollupOracle {
  private RollupOracle() {}

  /** Compares and returns the number of rollup rows compared; fails on the first difference. */
  static int refreshEqualsRebuild(Path copy) throws SQLException {
    assertThat(CrashDb.dirtyMarks(copy)).as("dirty marks left in the copy").isZero();
    List<List<Object>> refreshed = rows(copy);
    Cli.Run run = Cli.run("aggregate", "--rebuild", "--db", copy.toString(), "--timezone", "UTC");
    assertThat(run.code()).as(run.err()).isZero();
    List<List<Object>> rebuilt = rows(copy);
    assertThat(rebuilt).as("rollup rows after the rebuild").hasSameSizeAs(refreshed);
    for (int i = 0; i < refreshed.size(); i++) {
      assertThat(refreshed.get(i))
          .as("rollup row %d after the server's refresh against aggregate --rebuild", i)
          .isEqualTo(rebuilt.get(i));
    }
    return refreshed.size();
  }

  /** Every rollup row as its column values, in key order; day states as their bytes. */
  static List<List<Object>> rows(Path db) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = CrashDb.open(db);
        Statement s = c.createStatement()) {
      read(
          s,
          "SELECT * FROM aggregated_metrics ORDER BY learner_id, interval_type, period_start_utc",
          rows);
      read(s, "SELECT * FROM rollup_day_state ORDER BY learner_id, period_start_utc", rows);
    }
    return rows;
  }

  private static void read(Statement s, String sql, List<List<Object>> into) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int col = 1; col <= meta.getColumnCount(); col++) {
          String name = meta.getColumnName(col);
          if (!name.equals("computed_utc")) { // when it was computed, not what
            row.add(name + "=" + value(rs.getObject(col)));
          }
        }
        into.add(row);
      }
    }
  }

  /** A value that compares exactly: doubles by their bits (shown in full), blobs by content. */
  private static String value(@Nullable Object v) {
    if (v instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    if (v instanceof Double d) {
      return d + "/" + Long.toHexString(Double.doubleToRawLongBits(d));
    }
    return String.valueOf(v);
  }
}
