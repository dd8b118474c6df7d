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
import org.jspecify.annotations.Nullable;

/**
 * Recomputes whole learning days from raw events, then the weeks and months that hold them from day
 * states, then the trends of every row written and of the row after it. Shared by the incremental
 * refresher and the full rebuild, so both produce identical rows. Runs inside the caller's write
 * transaction.
 *
 * <p>Day states computed in this transaction are merged into weeks and months from memory; only
 * days outside the recomputed ranges are read back from {@code rollup_day_state}, so a full rebuild
 * never re-reads what it just wrote. Hourly and daily rows that retention would delete at once
 * (ending before the floors) are computed — daily ones still set the next row's trend — but not
 * written.
 */
final class RollupWriter {
  private final Buckets buckets;
  private final Connection conn;
  private final String learner;
  private final long nowUtc;
  private final long hourlyFloorUtc;
  private final long dailyFloorUtc;
  private final TopicNames topicNames;
  private final SortedSet<Long> weeks = new TreeSet<>();
  private final SortedSet<Long> months = new TreeSet<>();
  private final Map<Level, List<Rollup>> written = new HashMap<>();
  private final TreeMap<Long, Partial> dayStates = new TreeMap<>();
  private final TreeMap<Long, Rollup> dailyRows = new TreeMap<>();
  private final List<long[]> recomputed = new ArrayList<>(); // [from, to) ranges of days

  /** A writer of {@code learner}'s rows; the topic dictionary is shared by all learners. */
  RollupWriter(
      Buckets buckets,
      Connection conn,
      String learner,
      long nowUtc,
      long hourlyFloorUtc,
      long dailyFloorUtc)
      throws SQLException {
    this.buckets = buckets;
    this.topicNames = TopicNames.load(conn);
    this.conn = conn;
    this.learner = learner;
    this.nowUtc = nowUtc;
    this.hourlyFloorUtc = hourlyFloorUtc;
    this.dailyFloorUtc = dailyFloorUtc;
  }

  /**
   * Replaces the hourly and daily rows and day states of the days in {@code [from, to)} (day
   * starts) from the given hour partials of that whole range, and queues their weeks and months.
   */
  void writeDays(long from, long to, NavigableMap<Long, Partial> hours) throws SQLException {
    RollupStore.delete(conn, learner, Level.HOURLY, from, to);
    RollupStore.delete(conn, learner, Level.DAILY, from, to);
    RollupStore.deleteDayStates(conn, learner, from, to);
    TreeMap<Long, Partial> days = new TreeMap<>();
    List<Rollup> hourly = hourlyRows(hours, days);
    List<Rollup> daily = dailyRows(days);
    RollupStore.insert(conn, learner, hourly, nowUtc);
    RollupStore.insert(conn, learner, daily, nowUtc);
    RollupStore.saveDayStates(conn, learner, days);
    dayStates.putAll(days);
    recomputed.add(new long[] {from, to});
    written.computeIfAbsent(Level.HOURLY, l -> new ArrayList<>()).addAll(hourly);
    written.computeIfAbsent(Level.DAILY, l -> new ArrayList<>()).addAll(daily);
    for (long day = from; day < to; day = buckets.end(Level.DAILY, day)) {
      queueWeekAndMonth(day);
    }
  }

  /** The hourly rows retention keeps; merges every hour into its day's partial in {@code days}. */
  private List<Rollup> hourlyRows(NavigableMap<Long, Partial> hours, Map<Long, Partial> days) {
    List<Rollup> hourly = new ArrayList<>(hours.size());
    for (Map.Entry<Long, Partial> e : hours.entrySet()) {
      long start = e.getKey();
      if (buckets.end(Level.HOURLY, start) >= hourlyFloorUtc) {
        hourly.add(row(Level.HOURLY, start, e.getValue()));
      }
      long day = buckets.start(Level.DAILY, start);
      days.computeIfAbsent(day, d -> new Partial()).merge(e.getValue());
    }
    return hourly;
  }

  /** The daily rows retention keeps; every day's row is remembered for the trends. */
  private List<Rollup> dailyRows(Map<Long, Partial> days) {
    List<Rollup> daily = new ArrayList<>(days.size());
    for (Map.Entry<Long, Partial> e : days.entrySet()) {
      long start = e.getKey();
      boolean kept = buckets.end(Level.DAILY, start) >= dailyFloorUtc;
      // A day retention drops at once only sets the next day's trend: skip its topic columns.
      Rollup r = kept ? row(Level.DAILY, start, e.getValue()) : trendOnlyRow(start, e.getValue());
      dailyRows.put(start, r);
      if (kept) {
        daily.add(r);
      }
    }
    return daily;
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
    applyTrends(Level.DAILY, dailyRows);
    for (Level level : List.of(Level.WEEKLY, Level.MONTHLY)) {
      TreeMap<Long, Rollup> rows = new TreeMap<>();
      written.getOrDefault(level, List.of()).forEach(r -> rows.put(r.periodStartUtc(), r));
      applyTrends(level, rows);
    }
    return written;
  }

  private void writeMerged(Level level, SortedSet<Long> starts) throws SQLException {
    List<Rollup> rows = new ArrayList<>();
    for (long start : starts) {
      long end = buckets.end(level, start);
      Partial merged = merge(start, end);
      RollupStore.delete(conn, learner, level, start, start + 1);
      if (!merged.isEmpty()) {
        rows.add(row(level, start, merged));
      }
    }
    RollupStore.insert(conn, learner, rows, nowUtc);
    written.computeIfAbsent(level, l -> new ArrayList<>()).addAll(rows);
  }

  /**
   * The merge of the day states in {@code [start, end)}, in day order: from memory for days
   * recomputed here (a day without a state there had no data), from the database for the others.
   * The order is fixed because floating sums depend on it: merging the recomputed days first made
   * an incremental refresh differ from a full rebuild in the last bits.
   */
  private Partial merge(long start, long end) throws SQLException {
    TreeMap<Long, Partial> inOrder = new TreeMap<>();
    for (long day = start; day < end; day = buckets.end(Level.DAILY, day)) {
      if (!isRecomputed(day)) {
        RollupStore.dayStates(conn, learner, start, end)
            .forEach((d, p) -> keepStored(inOrder, d, p));
        break;
      }
    }
    inOrder.putAll(dayStates.subMap(start, end));
    Partial total = new Partial();
    inOrder.values().forEach(total::merge);
    return total;
  }

  private void keepStored(Map<Long, Partial> into, long day, Partial state) {
    if (!isRecomputed(day)) {
      into.put(day, state);
    }
  }

  private boolean isRecomputed(long day) {
    for (long[] r : recomputed) {
      if (day >= r[0] && day < r[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the trend of every row of {@code rows} (those written) against the previous bucket, and of
   * the bucket after each (its previous bucket just changed).
   */
  // put() only replaces the value of the key being visited: the map's structure does not change.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  private void applyTrends(Level level, TreeMap<Long, Rollup> rows) throws SQLException {
    List<Rollup> updates = new ArrayList<>();
    for (Rollup r : rows.values()) {
      Rollup previous = lookup(rows, level, buckets.start(level, r.periodStartUtc() - 1));
      Rollup updated = r.withTrend(Trend.between(previous, r));
      rows.put(r.periodStartUtc(), updated);
      if (isWritten(level, updated)) {
        updates.add(updated);
      }
    }
    for (Rollup r : List.copyOf(rows.values())) {
      long next = r.periodEndUtc();
      if (!rows.containsKey(next)) {
        Rollup following = RollupStore.find(conn, learner, level, next).orElse(null);
        if (following != null) {
          updates.add(following.withTrend(Trend.between(r, following)));
        }
      }
    }
    RollupStore.updateTrends(conn, learner, updates);
  }

  private boolean isWritten(Level level, Rollup r) {
    return level != Level.DAILY || r.periodEndUtc() >= dailyFloorUtc;
  }

  private @Nullable Rollup lookup(TreeMap<Long, Rollup> rows, Level level, long start)
      throws SQLException {
    Rollup r = rows.get(start);
    return r != null ? r : RollupStore.find(conn, learner, level, start).orElse(null);
  }

  private Rollup row(Level level, long start, Partial p) {
    return RollupCalculator.compute(
        level, start, buckets.end(level, start), buckets.localLabel(start), p, topicNames);
  }

  private Rollup trendOnlyRow(long start, Partial p) {
    return RollupCalculator.compute(
        Level.DAILY, start, buckets.end(Level.DAILY, start), buckets.localLabel(start), p, null);
  }
}
