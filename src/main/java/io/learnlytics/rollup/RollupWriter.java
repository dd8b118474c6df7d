package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recomputes whole learning days from raw events, then the weeks and months that hold them from day
 * states, then the trends of every row written and of the row after it. Shared by the incremental
 * refresher and the full rebuild, so both produce identical rows. Runs inside the caller's write
 * transaction.
 */
final class RollupWriter {
  private final Buckets buckets;
  private final Connection conn;
  private final long nowUtc;
  private final SortedSet<Long> weeks = new TreeSet<>();
  private final SortedSet<Long> months = new TreeSet<>();
  private final Map<Level, List<Rollup>> written = new HashMap<>();

  RollupWriter(Buckets buckets, Connection conn, long nowUtc) {
    this.buckets = buckets;
    this.conn = conn;
    this.nowUtc = nowUtc;
  }

  /**
   * Replaces the hourly and daily rows and day states of the days in {@code [from, to)} (day
   * starts) from the given hour partials of that whole range, and queues their weeks and months.
   */
  void writeDays(long from, long to, NavigableMap<Long, Partial> hours) throws SQLException {
    RollupStore.delete(conn, Level.HOURLY, from, to);
    RollupStore.delete(conn, Level.DAILY, from, to);
    RollupStore.deleteDayStates(conn, from, to);
    List<Rollup> hourly = new ArrayList<>(hours.size());
    TreeMap<Long, Partial> days = new TreeMap<>();
    for (Map.Entry<Long, Partial> e : hours.entrySet()) {
      long start = e.getKey();
      hourly.add(row(Level.HOURLY, start, e.getValue()));
      long day = buckets.start(Level.DAILY, start);
      days.computeIfAbsent(day, d -> new Partial()).merge(e.getValue());
    }
    List<Rollup> daily = new ArrayList<>(days.size());
    for (Map.Entry<Long, Partial> e : days.entrySet()) {
      daily.add(row(Level.DAILY, e.getKey(), e.getValue()));
    }
    RollupStore.upsert(conn, hourly, nowUtc);
    RollupStore.upsert(conn, daily, nowUtc);
    RollupStore.saveDayStates(conn, days);
    written.computeIfAbsent(Level.HOURLY, l -> new ArrayList<>()).addAll(hourly);
    written.computeIfAbsent(Level.DAILY, l -> new ArrayList<>()).addAll(daily);
    for (long day = from; day < to; day = buckets.end(Level.DAILY, day)) {
      queueWeekAndMonth(day);
    }
  }

  void queueWeekAndMonth(long dayStart) {
    weeks.add(buckets.start(Level.WEEKLY, dayStart));
    months.add(buckets.start(Level.MONTHLY, dayStart));
  }

  void queue(Level level, long start) {
    (level == Level.WEEKLY ? weeks : months).add(start);
  }

  /** Writes the queued weeks and months, then all trends. Returns the rows written per level. */
  Map<Level, List<Rollup>> finish() throws SQLException {
    writeMerged(Level.WEEKLY, weeks);
    writeMerged(Level.MONTHLY, months);
    for (Level level : List.of(Level.DAILY, Level.WEEKLY, Level.MONTHLY)) {
      applyTrends(written.getOrDefault(level, List.of()));
    }
    return written;
  }

  private void writeMerged(Level level, SortedSet<Long> starts) throws SQLException {
    List<Rollup> rows = new ArrayList<>();
    for (long start : starts) {
      long end = buckets.end(level, start);
      Partial merged = RollupStore.mergedDayStates(conn, start, end);
      RollupStore.delete(conn, level, start, start + 1);
      if (!merged.isEmpty()) {
        rows.add(row(level, start, merged));
      }
    }
    RollupStore.upsert(conn, rows, nowUtc);
    written.computeIfAbsent(level, l -> new ArrayList<>()).addAll(rows);
  }

  /**
   * Sets the trend of every written row against the previous bucket, and of the bucket after each
   * written row (its previous bucket just changed).
   */
  private void applyTrends(List<Rollup> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Level level = rows.get(0).level();
    TreeMap<Long, Rollup> byStart = new TreeMap<>();
    rows.forEach(r -> byStart.put(r.periodStartUtc(), r));
    for (Rollup r : byStart.values()) {
      Rollup previous = lookup(byStart, level, buckets.start(level, r.periodStartUtc() - 1));
      Rollup updated = r.withTrend(Trend.between(previous, r));
      byStart.put(r.periodStartUtc(), updated);
      RollupStore.updateTrend(conn, updated);
    }
    for (Rollup r : List.copyOf(byStart.values())) {
      long next = r.periodEndUtc();
      if (!byStart.containsKey(next)) {
        Rollup following = RollupStore.find(conn, level, next).orElse(null);
        if (following != null) {
          RollupStore.updateTrend(conn, following.withTrend(Trend.between(r, following)));
        }
      }
    }
  }

  private Rollup lookup(TreeMap<Long, Rollup> rows, Level level, long start) throws SQLException {
    Rollup r = rows.get(start);
    return r != null ? r : RollupStore.find(conn, level, start).orElse(null);
  }

  private Rollup row(Level level, long start, Partial p) {
    return RollupCalculator.compute(
        level, start, buckets.end(level, start), buckets.localLabel(start), p);
  }
}
