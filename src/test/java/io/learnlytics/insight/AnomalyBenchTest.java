package io.learnlytics.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bench's generator, the spec's rule and the scoring, on small seeded runs. */
class AnomalyBenchTest {

  @Test
  void a_huge_planted_anomaly_is_always_found_by_both_detectors_with_few_false_alarms() {
    List<AnomalyBench.Row> rows = AnomalyBench.cell(BenchShape.STEADY_DAILY, 20, 40, new Random(3));

    assertThat(rows).hasSize(2);
    AnomalyBench.Row ours = rows.get(0);
    assertThat(ours.detector()).isEqualTo(AnomalyBench.OURS);
    assertThat(ours.size()).isEqualTo("+20 spreads");
    assertThat(ours.planted()).isEqualTo(40L * LabelledSeries.PLANTS);
    assertThat(ours.recall()).isEqualTo(1.0);
    assertThat(ours.falseAlarmsPer100Days()).isLessThan(0.5);
    assertThat(rows.get(1).recall()).isEqualTo(1.0);
    assertThat(ours.quietDays() + ours.planted())
        .isEqualTo(40L * (LabelledSeries.DAYS - LabelledSeries.WARM_UP));
  }

  @Test
  void the_same_weekday_baseline_finds_a_skipped_routine_day_that_the_30_day_mean_misses() {
    List<AnomalyBench.Row> rows = AnomalyBench.cell(BenchShape.WEEKLY_RHYTHM, 0, 30, new Random(5));

    assertThat(rows.get(0).size()).isEqualTo("drop to 0");
    assertThat(rows.get(0).recall()).isGreaterThan(0.9);
    assertThat(rows.get(1).recall()).isLessThan(0.1);
  }

  @Test
  void plants_are_after_the_warm_up_a_week_apart_and_move_the_value_by_their_size() {
    Random random = new Random(11);
    for (int s = 0; s < 50; s++) {
      LabelledSeries l = LabelledSeries.generate(BenchShape.NOISY_QUALITY, 5, random);
      int last = -100;
      int count = 0;
      for (int i = 0; i < LabelledSeries.DAYS; i++) {
        if (l.planted()[i]) {
          assertThat(i).isGreaterThanOrEqualTo(LabelledSeries.WARM_UP);
          assertThat(i - last).isGreaterThan(6);
          assertThat(l.values()[i]).isBetween(0.0, 1.0);
          last = i;
          count++;
        }
      }
      assertThat(count).isEqualTo(LabelledSeries.PLANTS);
    }
    assertThat(BenchShape.NOISY_QUALITY.planted(0.72, 3)).isCloseTo(0.48, within(1e-9));
    assertThat(BenchShape.WEEKLY_RHYTHM.planted(2, 5)).isEqualTo(7.0);
    assertThat(BenchShape.SPARSE.planted(1, 0)).isZero();
  }

  @Test
  void drops_are_planted_only_on_days_that_had_something() {
    LabelledSeries l = LabelledSeries.generate(BenchShape.SPARSE, 0, new Random(2));
    for (int i = 0; i < LabelledSeries.DAYS; i++) {
      if (l.planted()[i]) {
        assertThat(l.values()[i]).isZero();
      }
    }
    assertThat(l.days().values()).hasSize(LabelledSeries.DAYS);
  }

  @Test
  void the_spec_rule_flags_beyond_two_sigma_of_the_last_30_days_and_skips_unobserved_days() {
    double[] v = new double[40];
    for (int i = 0; i < 40; i++) {
      v[i] = i % 2 == 0 ? 10 : 12; // mean 11, sd about 1.02
    }
    v[35] = 13.0;
    v[36] = 14.0;
    v[37] = Double.NaN;
    assertThat(MeanSigmaRule.flags(v, 35)).isFalse();
    assertThat(MeanSigmaRule.flags(v, 36)).isTrue();
    assertThat(MeanSigmaRule.flags(v, 37)).isFalse();
    assertThat(MeanSigmaRule.flags(v, 1)).isFalse(); // one earlier day: no spread yet

    double[] flat = new double[10];
    Arrays.fill(flat, 2);
    assertThat(MeanSigmaRule.flags(flat, 9)).isFalse();
    flat[9] = 3;
    assertThat(MeanSigmaRule.flags(flat, 9)).isTrue(); // sd 0: any change is flagged
  }

  @Test
  void scores_are_ratios_of_the_counts_and_undefined_without_a_denominator() {
    AnomalyBench.Row r = new AnomalyBench.Row("s", "+3 spreads", "d", 10, 8, 2, 400);
    assertThat(r.precision()).isEqualTo(0.8);
    assertThat(r.recall()).isEqualTo(0.8);
    assertThat(r.falseAlarmsPer100Days()).isEqualTo(0.5);
    AnomalyBench.Row none = new AnomalyBench.Row("s", "x", "d", 0, 0, 0, 0);
    assertThat(none.precision()).isNaN();
    assertThat(none.recall()).isNaN();
    assertThat(none.falseAlarmsPer100Days()).isNaN();
  }

  @Test
  void a_run_has_two_rows_for_every_shape_and_size() {
    List<AnomalyBench.Row> rows = AnomalyBench.run(1, 1);
    assertThat(rows).hasSize(BenchShape.values().length * AnomalyBench.SIZES.size() * 2);
    assertThat(rows.get(0).shape()).isEqualTo("weekly rhythm");
  }
}
