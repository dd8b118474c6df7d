package io.learnlytics.dashboard;

import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/rhythm}: when the learner learns, from the hourly rollups of the
 * period. Each hourly row counts at the local clock hour of its start, in the zone in force then
 * ({@code Buckets.zoneAt}), so a day with a DST change has 23 or 25 rows and none is lost or
 * shifted; each counts on the weekday of its learning date (with a day-start hour of 4, 01:30 on a
 * Tuesday counts for Monday, as everywhere else). Sessions count in the hour they start.
 */
public final class RhythmService {
  /** Hours in the blocks of the "best time" sentence. */
  static final int BLOCK_HOURS = 3;

  private static final String[] BLOCK_NAMES = {
    "nights", "early mornings", "mornings", "late mornings",
    "afternoons", "late afternoons", "evenings", "late evenings"
  };

  private final Rows rows;

  RhythmService(Rows rows) {
    this.rows = rows;
  }

  public Rhythm rhythm(Period period) {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    Tally hours = new Tally(24);
    Tally days = new Tally(7);
    long[][] byDayHour = new long[7][24];
    for (Rollup r : rows.levelCounts(Level.HOURLY, w.currentFromUtc(), w.dayAfterTodayUtc())) {
      ZonedDateTime local =
          Instant.ofEpochMilli(r.periodStartUtc()).atZone(rows.buckets.zoneAt(r.periodStartUtc()));
      int hour = local.getHour();
      int day = dayIndex(rows.buckets.learningDate(r.periodStartUtc()).getDayOfWeek());
      hours.add(hour, r);
      days.add(day, r);
      byDayHour[day][hour] += r.activity().sessions();
    }
    List<String> hourLabels = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hourLabels.add(String.format(Locale.ROOT, "%02d", h));
    }
    List<String> dayLabels = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      dayLabels.add(weekday(d).getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
    }
    return new Rhythm(
        hours.chart(hourLabels),
        days.chart(dayLabels),
        best(byDayHour),
        rows.meta(period.id(), now, null, "hourly"),
        coverage(w));
  }

  /** Monday first; weekdays in the order of the learner's week. */
  private int dayIndex(DayOfWeek d) {
    return Math.floorMod(d.getValue() - rows.buckets.weekStart().getValue(), 7);
  }

  private DayOfWeek weekday(int index) {
    return rows.buckets.weekStart().plus(index);
  }

  /** The weekday with the most sessions and its 3-hour block with the most; null with none. */
  @Nullable Best best(long[][] byDayHour) {
    int day = -1;
    long most = 0;
    for (int d = 0; d < 7; d++) {
      long sum = 0;
      for (long v : byDayHour[d]) {
        sum += v;
      }
      if (sum > most) {
        most = sum;
        day = d;
      }
    }
    if (day < 0) {
      return null;
    }
    int block = 0;
    long blockMost = -1;
    for (int b = 0; b < 24 / BLOCK_HOURS; b++) {
      long sum = 0;
      for (int h = b * BLOCK_HOURS; h < (b + 1) * BLOCK_HOURS; h++) {
        sum += byDayHour[day][h];
      }
      if (sum > blockMost) {
        blockMost = sum;
        block = b;
      }
    }
    String name = weekday(day).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    int from = block * BLOCK_HOURS;
    int to = from + BLOCK_HOURS;
    String range = String.format(Locale.ROOT, "%02d:00-%02d:00", from, to);
    String text = "You learn most on " + name + " " + BLOCK_NAMES[block] + " (" + range + ")";
    return new Best(weekday(day).toString(), from, to, most, blockMost, text);
  }

  /**
   * Whether hourly rows cover the period: retention drops old hourly rows, so a period reaching
   * before the first kept one says from when it is counted.
   */
  private Coverage coverage(ComparisonWindow w) {
    Long first = rows.rollups.firstStartUtc(Level.HOURLY);
    if (first == null || first <= w.currentFromUtc()) {
      return new Coverage(true, w.firstDay().toString(), null);
    }
    // hourly rows exist only for hours with activity: a day before the first kept one that had
    // sessions is a day whose hours retention dropped
    LocalDate from = rows.buckets.learningDate(first);
    long lost =
        rows.levelCounts(Level.DAILY, w.currentFromUtc(), rows.buckets.dayStart(from)).stream()
            .mapToLong(r -> r.activity().sessions())
            .sum();
    if (lost == 0) {
      return new Coverage(true, w.firstDay().toString(), null);
    }
    return new Coverage(
        false,
        from.toString(),
        "Hourly detail is kept for a limited time: this counts from " + from + " only.");
  }

  /** Sessions, exchanges and quality per slot (hour or weekday). */
  private static final class Tally {
    final long[] sessions;
    final long[] exchanges;
    final long[] scores;
    final double[] qualitySum;

    Tally(int slots) {
      sessions = new long[slots];
      exchanges = new long[slots];
      scores = new long[slots];
      qualitySum = new double[slots];
    }

    void add(int slot, Rollup r) {
      sessions[slot] += r.activity().sessions();
      exchanges[slot] += r.activity().exchanges();
      Double composite = r.quality().composite();
      if (composite != null) {
        scores[slot] += r.quality().count();
        qualitySum[slot] += composite * r.quality().count();
      }
    }

    Chart chart(List<String> labels) {
      List<Long> s = new ArrayList<>();
      List<Long> e = new ArrayList<>();
      List<Double> q = new ArrayList<>();
      for (int i = 0; i < sessions.length; i++) {
        s.add(sessions[i]);
        e.add(exchanges[i]);
        q.add(scores[i] == 0 ? null : OverviewService.round(qualitySum[i] / scores[i], 4));
      }
      return new Chart(
          labels,
          List.of(
              new Chart.Dataset("Sessions", s, null, Metric.SESSIONS.color, "y-sessions"),
              new Chart.Dataset("Exchanges", e, null, Metric.EXCHANGES.color, "y-sessions"),
              new Chart.Dataset("Answer quality", q, Metric.QUALITY.color, null, "y-quality")));
    }
  }

  /**
   * {@code hours}: 24 bars, local hours 00 to 23; {@code weekdays}: 7 bars from the first day of
   * the learner's week; {@code best}: null without sessions.
   */
  public record Rhythm(
      Chart hours, Chart weekdays, @Nullable Best best, Meta meta, Coverage hourly) {}

  /**
   * The weekday with the most sessions ({@code sessions}) and, on it, the 3-hour block with the
   * most ({@code blockSessions}, hours {@code fromHour} to {@code toHour}).
   */
  public record Best(
      String weekday, int fromHour, int toHour, long sessions, long blockSessions, String text) {}

  /**
   * {@code complete}: false when retention dropped hourly rows of days in the period that had
   * sessions; {@code from}: the first learning date counted.
   */
  public record Coverage(boolean complete, String from, @Nullable String note) {}
}
