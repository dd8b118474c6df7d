package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window is the last 30 learning days: 2025-11-17 .. 2025-12-16. */
class InsightRecommendationRuleTest extends InsightTestBase {
  @Test
  void the_hour_with_most_exchanges_is_recommended_when_more_than_3_sessions_started_in_it() {
    for (int d = 1; d <= 4; d++) {
      f.session(TODAY.minusDays(d), 9, 3, null);
    }
    for (int d = 1; d <= 3; d++) {
      f.session(TODAY.minusDays(d), 20, 2, null);
    }
    f.session(TODAY.minusDays(45), 20, 30, null); // outside the window
    f.generate();

    assertThat(f.ofRule("recommendation:peak_hour"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Your peak learning time is 9:00–10:00");
              assertThat(i.importance()).isEqualTo("medium");
              assertThat(i.icon()).isEqualTo("clock");
              assertThat(i.data())
                  .containsEntry("peak_hour", 9)
                  .containsEntry("exchanges_at_peak", 12)
                  .containsEntry("sessions_at_peak", 4)
                  .containsEntry("threshold", 3);
              assertThat((List<?>) i.data().get("exchanges_by_hour")).element(20).isEqualTo(6);
            });
  }

  @Test
  void a_peak_hour_with_only_3_sessions_is_not_recommended() {
    for (int d = 1; d <= 3; d++) {
      f.session(TODAY.minusDays(d), 9, 5, null);
    }
    f.generate();

    assertThat(f.ofRule("recommendation:peak_hour")).isEmpty();
  }

  @Test
  void a_recommendation_is_not_repeated_while_live_and_comes_back_after_it_expired() {
    for (int d = 1; d <= 4; d++) {
      f.session(TODAY.minusDays(d), 9, 3, null);
    }
    f.generate();
    f.advance(Duration.ofDays(1));
    assertThat(f.generate()).isZero();

    f.advance(Duration.ofDays(14)); // the first one expired 14 days after it was made
    f.generate();

    assertThat(f.ofRule("recommendation:peak_hour"))
        .singleElement()
        .satisfies(i -> assertThat(i.generatedAt()).isEqualTo(f.clock.instant()));
  }

  @Test
  void a_correction_rate_above_15_percent_recommends_smaller_questions() {
    f.session(TODAY.minusDays(2), 10, 20, null, 4);
    f.generate();

    assertThat(f.ofRule("recommendation:correction_rate"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("High correction rate (20%)");
              assertThat(i.data())
                  .containsEntry("correction_rate", 0.2)
                  .containsEntry("corrections", 4)
                  .containsEntry("exchanges", 20)
                  .containsEntry("threshold", 0.15);
            });
  }

  @Test
  void a_correction_rate_of_exactly_15_percent_is_no_recommendation() {
    f.session(TODAY.minusDays(2), 10, 20, null, 3);
    f.generate();

    assertThat(f.ofRule("recommendation:correction_rate")).isEmpty();
  }

  @Test
  void a_topic_scoring_at_least_010_below_the_overall_mean_is_worth_revisiting() {
    f.session(TODAY.minusDays(3), 10, 5, 0.55, "recursion");
    for (int d = 4; d <= 7; d++) {
      f.session(TODAY.minusDays(d), 10, 5, 0.80, "python");
    }
    f.generate();

    assertThat(f.ofRule("recommendation:revisit"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Consider revisiting 'recursion'");
              assertThat(i.description())
                  .isEqualTo(
                      "Your quality on 'recursion' averaged 0.55 over 5 scores in the last 30"
                          + " days, 0.20 below your overall 0.75.");
              assertThat(i.data())
                  .containsEntry("topic", "recursion")
                  .containsEntry("topic_quality", 0.55)
                  .containsEntry("overall_quality", 0.75)
                  .containsEntry("gap", 0.2)
                  .containsEntry("min_gap", 0.1);
            });
  }

  @Test
  void a_topic_with_fewer_than_5_scores_or_a_smaller_gap_is_not_worth_revisiting() {
    f.session(TODAY.minusDays(3), 10, 4, 0.40, "recursion"); // 4 scores only
    f.session(TODAY.minusDays(3), 12, 5, 0.70, "closures"); // 0.05 below the overall 0.75
    for (int d = 4; d <= 7; d++) {
      f.session(TODAY.minusDays(d), 10, 5, 0.83, "python");
    }
    f.generate();

    assertThat(f.ofRule("recommendation:revisit")).isEmpty();
  }
}
