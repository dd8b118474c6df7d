package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Anomaly insights about yesterday (the last complete learning day), robust on short personal
 * series with a weekly rhythm.
 *
 * <p><b>Method.</b> Yesterday is compared only with the same weekday of the previous {@value
 * #WEEKS} weeks (a learner who never studies on Sundays has a quiet Sunday, not an anomaly). Over
 * those days the baseline is the median and the median absolute deviation (MAD), and yesterday's
 * robust z-score is {@code 0.6745 * (x - median) / MAD}; {@code |z| > 3.5} is an anomaly (Iglewicz
 * and Hoaglin). Median and MAD are not dragged by one earlier odd day the way a mean and standard
 * deviation are. When the MAD is 0 — for example every Tuesday had exactly 2 sessions — it is
 * floored at a minimum deviation ({@value #MIN_MAD_QUALITY} in quality, {@value #MIN_MAD_SESSIONS}
 * sessions), so only a deviation of more than 0.156 in quality, or of 3 or more sessions, from the
 * median counts. Guard: with fewer than {@value #MIN_OBSERVATIONS} observed same-weekday days there
 * is no anomaly at all.
 *
 * <ul>
 *   <li>Quality: yesterday's mean composite against the same weekdays that had scores (medium,
 *       "unusually high" or "unusually low").
 *   <li>Sessions: yesterday's session count against the same weekdays since the first day with any
 *       data (a day without a rollup row had 0 sessions). "No sessions yesterday" (low) when the
 *       baseline median is at least 1 and a day without sessions is rare on that weekday (at most
 *       one of the baseline days had none) or scores {@code z < -3.5}; "unusually many / few
 *       sessions" (low) on {@code |z| > 3.5} otherwise.
 * </ul>
 *
 * Keys hold yesterday's date, so each day is judged once.
 */
final class AnomalyRule implements Rule {
  static final int WEEKS = 8;
  static final int MIN_OBSERVATIONS = 4;
  static final double Z_THRESHOLD = 3.5;
  static final double MIN_MAD_QUALITY = 0.03;
  static final double MIN_MAD_SESSIONS = 0.5;
  static final String METHOD =
      "robust z = 0.6745 * (x - median) / MAD over the same weekday of the previous 8 weeks;"
          + " anomaly when |z| > 3.5; MAD floored at min_mad";

  private final RollupEngine rollups;

  AnomalyRule(RollupEngine rollups) {
    this.rollups = rollups;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    LocalDate firstDay = firstDataDay(now);
    LocalDate yesterday = now.today().minusDays(1);
    if (firstDay == null || yesterday.isBefore(firstDay)) {
      return List.of();
    }
    Map<LocalDate, Rollup> days = days(now, yesterday);
    List<LocalDate> baseline = baseline(yesterday, firstDay);
    List<Candidate> out = new ArrayList<>();
    quality(yesterday, baseline, days, out);
    sessions(yesterday, baseline, days, out);
    return out;
  }

  /** The daily rows from the oldest baseline day to yesterday, by learning date. */
  private Map<LocalDate, Rollup> days(Moment now, LocalDate yesterday) {
    Map<LocalDate, Rollup> days = new HashMap<>();
    for (Rollup r :
        rollups.list(
            Level.DAILY, now.dayStart(yesterday.minusWeeks(WEEKS)), now.dayStart(now.today()))) {
      days.put(now.dateOf(r.periodStartUtc()), r);
    }
    return days;
  }

  /** The same weekday in the weeks before yesterday, none before the learner's first day. */
  private static List<LocalDate> baseline(LocalDate yesterday, LocalDate firstDay) {
    List<LocalDate> baseline = new ArrayList<>();
    for (int k = 1; k <= WEEKS; k++) {
      LocalDate d = yesterday.minusWeeks(k);
      if (!d.isBefore(firstDay)) {
        baseline.add(d);
      }
    }
    return baseline;
  }

  private static void quality(
      LocalDate yesterday,
      List<LocalDate> baseline,
      Map<LocalDate, Rollup> days,
      List<Candidate> out) {
    Double x = quality(days.get(yesterday));
    List<LocalDate> observed = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (LocalDate d : baseline) {
      Double q = quality(days.get(d));
      if (q != null) {
        observed.add(d);
        values.add(q);
      }
    }
    if (x == null || values.size() < MIN_OBSERVATIONS) {
      return;
    }
    RobustBaseline b = RobustBaseline.of(values, MIN_MAD_QUALITY);
    double z = b.z(x);
    if (Math.abs(z) > Z_THRESHOLD) {
      Map<String, Object> data = data("quality", yesterday, x, b, z, observed, values);
      out.add(unusualQuality(yesterday, x, z > 0, b, data));
    }
  }

  private static Candidate unusualQuality(
      LocalDate yesterday, double x, boolean high, RobustBaseline b, Map<String, Object> data) {
    return Candidate.of(
        high ? "anomaly:quality_high" : "anomaly:quality_low",
        yesterday.toString(),
        null,
        "medium",
        high ? "Exceptional quality day" : "Unusually low quality yesterday",
        String.format(
            Locale.ROOT,
            "Yesterday's quality score (%.2f) was unusually %s (typical on %s: %.2f).",
            x,
            high ? "high" : "low",
            plural(yesterday),
            b.median()),
        data);
  }

  private static void sessions(
      LocalDate yesterday,
      List<LocalDate> baseline,
      Map<LocalDate, Rollup> days,
      List<Candidate> out) {
    if (baseline.size() < MIN_OBSERVATIONS) {
      return;
    }
    List<Double> values = new ArrayList<>();
    for (LocalDate d : baseline) {
      values.add((double) sessions(days.get(d)));
    }
    long x = sessions(days.get(yesterday));
    RobustBaseline b = RobustBaseline.of(values, MIN_MAD_SESSIONS);
    double z = b.z(x);
    long zeros = values.stream().filter(v -> v == 0).count();
    Map<String, Object> data = data("sessions", yesterday, x, b, z, baseline, values);
    data.put("baseline_days_without_sessions", zeros);
    if (x == 0 && b.median() >= 1 && (zeros <= 1 || z < -Z_THRESHOLD)) {
      out.add(noSessions(yesterday, b, data));
    } else if (Math.abs(z) > Z_THRESHOLD && x > 0) {
      out.add(unusualSessions(yesterday, x, z > 0, b, data));
    }
  }

  private static Candidate noSessions(
      LocalDate yesterday, RobustBaseline b, Map<String, Object> data) {
    return Candidate.of(
        "anomaly:no_sessions",
        yesterday.toString(),
        null,
        "low",
        "No sessions yesterday",
        "No sessions yesterday (you typically have "
            + number(b.median())
            + " on "
            + plural(yesterday)
            + ").",
        data);
  }

  private static Candidate unusualSessions(
      LocalDate yesterday, long x, boolean high, RobustBaseline b, Map<String, Object> data) {
    return Candidate.of(
        high ? "anomaly:sessions_high" : "anomaly:sessions_low",
        yesterday.toString(),
        null,
        "low",
        high ? "Unusually many sessions yesterday" : "Unusually few sessions yesterday",
        "You had "
            + x
            + (x == 1 ? " session" : " sessions")
            + " yesterday; you typically have "
            + number(b.median())
            + " on "
            + plural(yesterday)
            + ".",
        data);
  }

  private static Map<String, Object> data(
      String metric,
      LocalDate date,
      double value,
      RobustBaseline b,
      double z,
      List<LocalDate> baselineDays,
      List<Double> values) {
    return evidence(
        "metric",
        metric,
        "date",
        date.toString(),
        "value",
        value,
        "baseline_median",
        b.median(),
        "baseline_mad",
        b.mad(),
        "min_mad",
        b.minMad(),
        "robust_z",
        z,
        "threshold",
        Z_THRESHOLD,
        "baseline_days",
        baselineDays.stream().map(LocalDate::toString).toList(),
        "baseline_values",
        values.stream().map(v -> Math.round(v * 10_000) / 10_000.0).toList(),
        "min_observations",
        MIN_OBSERVATIONS,
        "method",
        METHOD);
  }

  private static @Nullable Double quality(@Nullable Rollup r) {
    return r == null || r.quality().count() == 0 ? null : r.quality().composite();
  }

  private static long sessions(@Nullable Rollup r) {
    return r == null ? 0 : r.activity().sessions();
  }

  /** First learning day with a daily rollup row: before it the learner had no history. */
  private @Nullable LocalDate firstDataDay(Moment now) {
    Long first = rollups.firstStartUtc(Level.DAILY);
    return first == null ? null : now.dateOf(first);
  }

  private static String plural(LocalDate date) {
    return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s";
  }

  /** 2.0 → "2", 2.5 → "2.5". */
  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
