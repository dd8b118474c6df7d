package io.learnlytics.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.learnlytics.insight.AnomalyDetector.Judgement;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every flagged day of a period with its evidence, judged by {@link AnomalyDetector} exactly as the
 * anomaly insight judges yesterday, so a learner can check the detector against their own history.
 * The days judged run from the period's first day (not before the learner's first data day) to
 * yesterday: today is not complete yet.
 */
public final class AnomalyHistory {
  static final String RULES =
      AnomalyDetector.RULE_Z
          + ": |robust_z| > threshold; "
          + AnomalyDetector.RULE_NO_SESSIONS
          + " (sessions only): no session on a weekday whose baseline median is at least 1 and"
          + " at most one of whose baseline days had none";

  private final RollupEngine rollups;
  private final Clock clock;

  public AnomalyHistory(RollupEngine rollups, Clock clock) {
    this.rollups = rollups;
    this.clock = clock;
  }

  /** The flagged days of {@code period} for {@code metric}, oldest first. */
  public Report history(Period period, AnomalyMetric metric) {
    Instant now = clock.instant();
    Buckets buckets = rollups.buckets();
    LocalDate today = buckets.learningDate(now.toEpochMilli());
    LocalDate yesterday = today.minusDays(1);
    LocalDate firstDay = firstDay(rollups);
    Scan scan = new Scan(null, null, 0, 0, List.of());
    if (firstDay != null && !yesterday.isBefore(firstDay)) {
      LocalDate from = period.isAll() ? firstDay : today.minusDays(period.days() - 1L);
      scan = scan(metric, firstDay, from.isBefore(firstDay) ? firstDay : from, yesterday);
    }
    Meta meta =
        new Meta(
            period.id(),
            metric.id(),
            buckets.zone().getId(),
            now,
            false,
            scan.from(),
            scan.to(),
            scan.days(),
            scan.judged(),
            scan.flagged().size(),
            AnomalyDetector.MIN_OBSERVATIONS,
            AnomalyDetector.WEEKS,
            AnomalyDetector.Z_THRESHOLD,
            metric.minMad(),
            AnomalyDetector.METHOD,
            RULES);
    return new Report(scan.flagged(), meta);
  }

  /** Judges every day {@code from..to} (from is never before {@code firstDay}). */
  private Scan scan(AnomalyMetric metric, LocalDate firstDay, LocalDate from, LocalDate to) {
    DaySeries series =
        DaySeries.of(metric, firstDay, days(rollups, from.minusWeeks(AnomalyDetector.WEEKS), to));
    List<Map<String, Object>> flagged = new ArrayList<>();
    int judged = 0;
    int days = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days++;
      Judgement j = AnomalyDetector.judge(series, d);
      if (j != null) {
        judged++;
        if (j.flagged()) {
          flagged.add(j.evidence());
        }
      }
    }
    return new Scan(from.toString(), to.toString(), days, judged, flagged);
  }

  private record Scan(
      @Nullable String from,
      @Nullable String to,
      int days,
      int judged,
      List<Map<String, Object>> flagged) {}

  /** The learner's daily rows of the learning days {@code from..to}, by learning date. */
  static Map<LocalDate, Rollup> days(RollupEngine rollups, LocalDate from, LocalDate to) {
    Buckets b = rollups.buckets();
    Map<LocalDate, Rollup> days = new HashMap<>();
    for (Rollup r :
        rollups.listWithoutTopics(Level.DAILY, b.dayStart(from), b.dayStart(to.plusDays(1)))) {
      days.put(b.learningDate(r.periodStartUtc()), r);
    }
    return days;
  }

  /** First learning day with a daily rollup row: before it the learner had no history. */
  static @Nullable LocalDate firstDay(RollupEngine rollups) {
    Long first = rollups.firstStartUtc(Level.DAILY);
    return first == null ? null : rollups.buckets().learningDate(first);
  }

  /** The answer of {@code GET /api/analytics/anomalies}. */
  public record Report(List<Map<String, Object>> anomalies, Meta meta) {}

  /**
   * What was judged and how: {@code days} in the range {@code from..to}, {@code judged_days} of
   * them with an observation and at least {@code min_observations} baseline observations, {@code
   * flagged_days} listed. {@code from}/{@code to} are absent while the learner has no history
   * before today. {@code cached} is set by the response cache.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Meta(
      String period,
      String metric,
      String timezone,
      Instant generatedAt,
      boolean cached,
      @Nullable String from,
      @Nullable String to,
      int days,
      int judgedDays,
      int flaggedDays,
      int minObservations,
      int baselineWeeks,
      double threshold,
      double minMad,
      String method,
      String rules) {}
}
