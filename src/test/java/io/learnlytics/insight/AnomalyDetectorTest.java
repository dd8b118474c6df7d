package io.learnlytics.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detector on hand-made series: what is an observation, the guard, the floors, the rules. */
class AnomalyDetectorTest {
  static final LocalDate DAY = LocalDate.of(2025, 12, 15); // a Monday

  private static DaySeries mondays(AnomalyMetric metric, LocalDate first, double... values) {
    Map<LocalDate, Double> map = new HashMap<>();
    for (int k = 0; k < values.length; k++) {
      map.put(DAY.minusWeeks(k + 1L), values[k]);
    }
    return new DaySeries(metric, first, map);
  }

  private static DaySeries with(DaySeries s, double today) {
    Map<LocalDate, Double> map = new HashMap<>(s.values());
    map.put(DAY, today);
    return new DaySeries(s.metric(), s.firstDay(), map);
  }

  @Test
  void a_count_day_without_data_is_zero_but_nothing_exists_before_the_first_day() {
    DaySeries s = mondays(AnomalyMetric.SESSIONS, DAY.minusWeeks(4), 2, 2, 2, 2, 2, 2, 2, 2);

    assertThat(s.at(DAY.minusDays(1))).isZero();
    assertThat(s.at(DAY.minusWeeks(5))).isNull();
    AnomalyDetector.Judgement j = AnomalyDetector.judge(s, DAY);
    assertThat(j).isNotNull();
    assertThat(j.baselineDays()).hasSize(4); // weeks 5..8 are before the first day
    assertThat(j.rule()).isEqualTo(AnomalyDetector.RULE_NO_SESSIONS);
    assertThat(j.direction()).isEqualTo("low");
  }

  @Test
  void a_quality_day_without_scores_is_neither_judged_nor_part_of_a_baseline() {
    DaySeries s = mondays(AnomalyMetric.QUALITY, DAY.minusYears(1), 0.7, 0.7, 0.7, 0.7);

    assertThat(AnomalyDetector.judge(s, DAY)).isNull();
    AnomalyDetector.Judgement j = AnomalyDetector.judge(with(s, 0.9), DAY);
    assertThat(j.baselineValues()).hasSize(4);
    assertThat(j.baseline().scale()).isEqualTo(0.03);
    assertThat(j.flagged()).isTrue();
    assertThat(j.evidence()).doesNotContainKey("baseline_days_without_sessions");
  }

  @Test
  void three_observations_are_not_enough_to_judge_a_day() {
    DaySeries s = mondays(AnomalyMetric.EXCHANGES, DAY.minusWeeks(3), 10, 10, 10);
    assertThat(AnomalyDetector.judge(with(s, 90), DAY)).isNull();
  }

  @Test
  void each_metric_has_its_floor_so_a_small_change_on_a_steady_weekday_is_no_anomaly() {
    DaySeries exchanges = mondays(AnomalyMetric.EXCHANGES, DAY.minusWeeks(4), 20, 20, 20, 20);
    assertThat(AnomalyDetector.judge(with(exchanges, 30), DAY).flagged()).isFalse(); // z 3.37
    assertThat(AnomalyDetector.judge(with(exchanges, 31), DAY).flagged()).isTrue(); // z 3.71
    DaySeries minutes = mondays(AnomalyMetric.DURATION, DAY.minusWeeks(4), 30, 30, 30, 30);
    assertThat(AnomalyDetector.judge(with(minutes, 55), DAY).flagged()).isFalse();
    AnomalyDetector.Judgement long_ = AnomalyDetector.judge(with(minutes, 60), DAY);
    assertThat(long_.rule()).isEqualTo(AnomalyDetector.RULE_Z);
    assertThat(long_.direction()).isEqualTo("high");
    assertThat(AnomalyMetric.IDS).containsExactly("sessions", "exchanges", "quality", "duration");
  }
}
