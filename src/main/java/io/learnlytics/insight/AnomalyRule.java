package io.learnlytics.insight;

import static io.learnlytics.insight.AnomalyMetric.QUALITY;
import static io.learnlytics.insight.AnomalyMetric.SESSIONS;

import io.learnlytics.insight.AnomalyDetector.Judgement;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Anomaly insights about yesterday (the last complete learning day), robust on short personal
 * series with a weekly rhythm. The judging is {@link AnomalyDetector}'s (same weekday of the
 * previous 8 weeks, median and MAD, {@code |z| > 3.5}, at least 4 observations), the one code path
 * the anomaly history ({@link AnomalyHistory}) also uses, and each insight's evidence is the
 * detector's evidence map for yesterday.
 *
 * <ul>
 *   <li>Quality: yesterday's mean composite against the same weekdays that had scores (medium,
 *       "unusually high" or "unusually low").
 *   <li>Sessions: yesterday's session count against the same weekdays since the first day with any
 *       data (a day without a rollup row had 0 sessions). "No sessions yesterday" (low) when the
 *       detector flags a day without sessions (a rare empty day on that weekday, or {@code z <
 *       -3.5}); "unusually many / few sessions" (low) when it flags a day with sessions.
 * </ul>
 *
 * Keys hold yesterday's date, so each day is judged once.
 */
final class AnomalyRule implements Rule {
  private final RollupEngine rollups;

  AnomalyRule(RollupEngine rollups) {
    this.rollups = rollups;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    LocalDate firstDay = AnomalyHistory.firstDay(rollups);
    LocalDate yesterday = now.today().minusDays(1);
    if (firstDay == null || yesterday.isBefore(firstDay)) {
      return List.of();
    }
    Map<LocalDate, Rollup> days =
        AnomalyHistory.days(rollups, yesterday.minusWeeks(AnomalyDetector.WEEKS), yesterday);
    List<Candidate> out = new ArrayList<>();
    Judgement q = AnomalyDetector.judge(DaySeries.of(QUALITY, firstDay, days), yesterday);
    if (q != null && q.flagged()) {
      out.add(unusualQuality(q));
    }
    Judgement s = AnomalyDetector.judge(DaySeries.of(SESSIONS, firstDay, days), yesterday);
    if (s != null && s.flagged()) {
      out.add(s.value() == 0 ? noSessions(s) : unusualSessions(s));
    }
    return out;
  }

  private static Candidate unusualQuality(Judgement j) {
    boolean high = j.z() > 0;
    return Candidate.of(
        high ? "anomaly:quality_high" : "anomaly:quality_low",
        j.date().toString(),
        null,
        "medium",
        high ? "Exceptional quality day" : "Unusually low quality yesterday",
        String.format(
            Locale.ROOT,
            "Yesterday's quality score (%.2f) was unusually %s (typical on %s: %.2f).",
            j.value(),
            high ? "high" : "low",
            plural(j.date()),
            j.baseline().median()),
        j.evidence());
  }

  private static Candidate noSessions(Judgement j) {
    return Candidate.of(
        "anomaly:no_sessions",
        j.date().toString(),
        null,
        "low",
        "No sessions yesterday",
        "No sessions yesterday (you typically have "
            + number(j.baseline().median())
            + " on "
            + plural(j.date())
            + ").",
        j.evidence());
  }

  private static Candidate unusualSessions(Judgement j) {
    long x = Math.round(j.value());
    boolean high = j.z() > 0;
    return Candidate.of(
        high ? "anomaly:sessions_high" : "anomaly:sessions_low",
        j.date().toString(),
        null,
        "low",
        high ? "Unusually many sessions yesterday" : "Unusually few sessions yesterday",
        "You had "
            + x
            + (x == 1 ? " session" : " sessions")
            + " yesterday; you typically have "
            + number(j.baseline().median())
            + " on "
            + plural(j.date())
            + ".",
        j.evidence());
  }

  private static String plural(LocalDate date) {
    return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s";
  }

  /** 2.0 → "2", 2.5 → "2.5". */
  static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
