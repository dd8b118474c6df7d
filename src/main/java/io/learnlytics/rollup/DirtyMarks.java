package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the buckets touched by one ingest batch and marks them dirty in the batch's own
 * transaction. A bucket already marked keeps its first mark time, so the rollup lag and {@code
 * as_of} measure from the oldest change still pending. Only hours and days are marked: refreshing a
 * day re-merges its week and month. Not thread-safe; one instance per batch.
 *
 * <p>Marks belong to a learner: the static helpers take the learner whose marks they write or
 * delete, and match only that learner's rows.
 */
public final class DirtyMarks {
  private final Buckets buckets;
  private final HourCursor cursor;
  private final String learner;
  private final Set<Long> hours = new HashSet<>();

  /** Marks for {@code learner}'s buckets, bucketed in that learner's calendar. */
  public DirtyMarks(Buckets buckets, String learner) {
    this.buckets = buckets;
    this.learner = learner;
    this.cursor = new HourCursor(buckets);
  }

  /** Records that raw data at {@code epochMs} changed. */
  public void touch(long epochMs) {
    hours.add(cursor.seek(epochMs));
  }

  /** Writes the marks (hour and day buckets) in the caller's transaction. */
  public void write(Connection c, long nowUtc) throws SQLException {
    Set<Long> days = new HashSet<>();
    for (long hour : hours) {
      days.add(buckets.start(Level.DAILY, hour));
    }
    insert(c, learner, Level.HOURLY, hours, nowUtc);
    insert(c, learner, Level.DAILY, days, nowUtc);
  }

  static void insert(
      Connection c, String learner, Level level, Collection<Long> starts, long nowUtc)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dirty_buckets (learner_id, interval_type, period_start_utc, marked_utc)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (long start : starts) {
        ps.setString(1, learner);
        ps.setString(2, level.id());
        ps.setLong(3, start);
        ps.setLong(4, nowUtc);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes the given marks, each {@code {interval_type, period_start_utc}}. */
  static void delete(Connection c, String learner, List<Object[]> marks) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM dirty_buckets WHERE learner_id = ? AND interval_type = ?"
                + " AND period_start_utc = ?")) {
      for (Object[] m : marks) {
        ps.setString(1, learner);
        ps.setString(2, (String) m[0]);
        ps.setLong(3, (Long) m[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * After a rebuild of the days in {@code [from, to)}: deletes their hour and day marks and the
   * week and month marks of buckets that start in the range (those were re-merged).
   */
  static void deleteRange(Connection c, String learner, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM dirty_buckets WHERE learner_id = ? AND period_start_utc >= ?"
                + " AND period_start_utc < ?")) {
      ps.setString(1, learner);
      ps.setLong(2, from);
      ps.setLong(3, to);
      ps.executeUpdate();
    }
  }
}
