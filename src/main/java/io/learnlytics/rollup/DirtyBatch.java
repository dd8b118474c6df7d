package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The dirty marks one refresh transaction handles: the first learning days in time (at most {@code
 * maxDays}, so ingest never waits long), and every week and month.
 */
final class DirtyBatch {
  final TreeSet<Long> days = new TreeSet<>();
  final List<long[]> coarse = new ArrayList<>(); // {level ordinal, start}
  final List<Object[]> handled = new ArrayList<>();
  private final Buckets buckets;
  private final int maxDays;

  private DirtyBatch(Buckets buckets, int maxDays) {
    this.buckets = buckets;
    this.maxDays = maxDays;
  }

  /** {@code learner}'s marks (the key's first column, so only their rows are read). */
  static DirtyBatch read(Connection c, String learner, Buckets buckets, int maxDays)
      throws SQLException {
    DirtyBatch batch = new DirtyBatch(buckets, maxDays);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT interval_type, period_start_utc FROM dirty_buckets WHERE learner_id = ?"
                + " ORDER BY period_start_utc")) {
      ps.setString(1, learner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          batch.offer(Level.fromId(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    return batch;
  }

  private void offer(Level level, long start) {
    if (level == Level.HOURLY || level == Level.DAILY) {
      long day = buckets.start(Level.DAILY, start);
      if (!days.contains(day) && days.size() >= maxDays) {
        return; // left for the next transaction
      }
      days.add(day);
    } else {
      coarse.add(new long[] {level.ordinal(), start});
    }
    handled.add(new Object[] {level.id(), start});
  }
}
