package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static io.learnlytics.insight.InsightFixture.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Yesterday is Monday 2025-12-15; its baseline is the 8 Mondays before it (Oct 20 .. Dec 8). */
class InsightAnomalyRuleTest extends InsightTestBase {
  static final double[] MONDAY_QUALITY = {0.70, 0.72, 0.74, 0.71, 0.73, 0.75, 0.70, 0.72};

  /** {@code weeks} previous Mondays, each with two sessions of three scored exchanges. */
  void mondays(int weeks) {
    for (int k = 1; k <= weeks; k++) {
      double q = MONDAY_QUALITY[k - 1];
      f.session(YESTERDAY.minusWeeks(k), 9, 3, q);
      f.session(YESTERDAY.minusWeeks(k), 18, 3, q);
    }
  }

  @Test
  void a_planted_high_quality_day_is_an_exceptional_quality_anomaly_with_its_robust_z() {
    mondays(8);
    f.session(YESTERDAY, 9, 3, 0.98).session(YESTERDAY, 18, 3, 0.98);
    f.generate();

    assertThat(f.listed("anomaly"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Exceptional quality day");
              assertThat(i.description())
                  .isEqualTo(
                      "Yesterday's quality score (0.98) was unusually high (typical on Mondays:"
                          + " 0.72).");
              assertThat(i.importance()).isEqualTo("medium");
              assertThat(i.data())
                  .containsEntry("metric", "quality")
                  .containsEntry("date", "2025-12-15")
                  .containsEntry("value", 0.98)
                  .containsEntry("baseline_median", 0.72)
                  .containsEntry("threshold", 3.5)
                  .containsEntry("min_mad", 0.03);
              assertThat((Double) i.data().get("robust_z")).isGreaterThan(3.5);
              assertThat((List<?>) i.data().get("baseline_days")).hasSize(8);
            });
  }

  @Test
  void a_planted_low_quality_day_is_an_unusually_low_quality_anomaly() {
    mondays(8);
    f.session(YESTERDAY, 9, 3, 0.40).session(YESTERDAY, 18, 3, 0.40);
    f.generate();

    assertThat(f.ofRule("anomaly:quality_low"))
        .singleElement()
        .satisfies(i -> assertThat((Double) i.data().get("robust_z")).isLessThan(-3.5));
  }

  @Test
  void an_ordinary_quality_day_is_no_anomaly() {
    mondays(8);
    f.session(YESTERDAY, 9, 3, 0.78).session(YESTERDAY, 18, 3, 0.78);
    f.generate();

    assertThat(f.listed("anomaly")).isEmpty();
  }

  @Test
  void a_missed_day_that_usually_has_sessions_says_how_many_are_typical_on_that_weekday() {
    mondays(8);
    f.session(TODAY, 9, 1, null); // something after the gap; yesterday itself had nothing
    f.generate();

    assertThat(f.listed("anomaly"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("No sessions yesterday");
              assertThat(i.description())
                  .isEqualTo("No sessions yesterday (you typically have 2 on Mondays).");
              assertThat(i.importance()).isEqualTo("low");
              assertThat(i.data())
                  .containsEntry("metric", "sessions")
                  .containsEntry("value", 0.0)
                  .containsEntry("baseline_median", 2.0)
                  .containsEntry("baseline_days_without_sessions", 0);
            });
  }

  @Test
  void many_more_sessions_than_usual_on_that_weekday_is_an_anomaly() {
    mondays(8);
    for (int h = 8; h < 14; h++) {
      f.session(YESTERDAY, h, 1, 0.72);
    }
    f.generate();

    assertThat(f.ofRule("anomaly:sessions_high"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.description())
                    .isEqualTo("You had 6 sessions yesterday; you typically have 2 on Mondays."));
  }

  @Test
  void with_fewer_than_4_same_weekday_observations_there_is_no_anomaly() {
    mondays(3); // history starts on Monday Nov 24: only 3 earlier Mondays
    f.session(YESTERDAY, 9, 3, 0.99); // a quality outlier and a missing second session
    f.generate();

    assertThat(f.listed("anomaly")).isEmpty();
  }

  @Test
  void with_4_same_weekday_observations_the_guard_lets_the_anomaly_through() {
    mondays(4);
    f.session(YESTERDAY, 9, 3, 0.99);
    f.generate();

    assertThat(f.ofRule("anomaly:quality_high")).hasSize(1);
  }

  @Test
  void a_weekday_that_is_often_empty_does_not_make_a_missed_day_an_anomaly() {
    for (int k = 1; k <= 8; k++) {
      if (k % 3 != 0) { // 2 of the 8 Mondays had nothing
        f.sessions(YESTERDAY.minusWeeks(k), 1);
      }
    }
    f.session(TODAY, 9, 1, null);
    f.generate();

    assertThat(f.listed("anomaly")).isEmpty();
  }

  @Test
  void a_clean_weekly_seasonal_series_raises_no_false_alarm_on_any_day_of_two_weeks() {
    // ten weeks: weekdays 2 or 3 sessions with quality 0.70..0.80, weekends never anything
    Random random = new Random(42);
    LocalDate start = LocalDate.of(2025, 10, 6);
    for (LocalDate d = start; d.isBefore(start.plusWeeks(12)); d = d.plusDays(1)) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      int sessions = 2 + random.nextInt(2);
      for (int s = 0; s < sessions; s++) {
        f.session(d, 8 + 4 * s, 2, 0.70 + 0.10 * random.nextDouble());
      }
    }
    f.load();

    for (int day = 0; day < 14; day++) {
      f.now(LocalDate.of(2025, 12, 15).plusDays(day), 12);
      f.insights.generate();
    }

    assertThat(f.listed("anomaly")).isEmpty();
  }
}
