package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * "This week" is Wed 2025-12-10 .. Tue 2025-12-16 15:00; "last week" is Wed 2025-12-03 .. Tue
 * 2025-12-09 15:00.
 */
class InsightTrendRuleTest extends InsightTestBase {
  /** Three sessions of three scored exchanges on three days of each week. */
  void weeks(double lastWeekQuality, double thisWeekQuality) {
    for (int d = 4; d <= 6; d++) {
      f.session(TODAY.minusDays(8 + d - 4), 10, 3, lastWeekQuality);
      f.session(TODAY.minusDays(1 + d - 4), 10, 3, thisWeekQuality);
    }
  }

  @Test
  void quality_up_more_than_10_percent_relative_is_a_high_trend_with_its_evidence() {
    weeks(0.70, 0.80);
    f.generate();

    assertThat(f.ofRule("trend:quality_up"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Quality improved 14% this week");
              assertThat(i.importance()).isEqualTo("high");
              assertThat(i.type()).isEqualTo("trend");
              assertThat(i.icon()).isEqualTo("trending-up");
              assertThat(i.data())
                  .containsEntry("metric", "quality")
                  .containsEntry("current", 0.8)
                  .containsEntry("previous", 0.7)
                  .containsEntry("relative_change", 0.1429)
                  .containsEntry("threshold", 0.1)
                  .containsEntry("current_scores", 9)
                  .containsEntry("previous_scores", 9)
                  .containsKey("window");
            });
    assertThat(f.listed("trend")).hasSize(1); // activity is flat: 9 exchanges each week
  }

  @Test
  void quality_down_more_than_10_percent_relative_is_a_high_decline() {
    weeks(0.80, 0.70);
    f.generate();

    assertThat(f.ofRule("trend:quality_down"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Quality declined 13% this week");
              assertThat(i.importance()).isEqualTo("high");
              assertThat(i.data()).containsEntry("relative_change", -0.125);
            });
  }

  @Test
  void a_change_within_10_percent_is_no_trend() {
    weeks(0.70, 0.76); // +8.6 %: an absolute 0.06, relative below 10 %
    f.generate();

    assertThat(f.listed("trend")).isEmpty();
  }

  @Test
  void quality_is_the_mean_of_all_scores_not_a_mean_of_daily_means() {
    f.session(TODAY.minusDays(10), 10, 10, 0.70);
    f.session(TODAY.minusDays(3), 10, 9, 0.72);
    f.session(TODAY.minusDays(2), 10, 1, 0.98);
    // weighted: (9 * 0.72 + 0.98) / 10 = 0.746, +6.6 %; a mean of the daily means, 0.85, is +21 %
    f.generate();

    assertThat(f.listed("trend")).isEmpty();
  }

  @Test
  void a_handful_of_scores_makes_no_quality_trend() {
    f.session(TODAY.minusDays(10), 10, 4, 0.50);
    f.session(TODAY.minusDays(3), 10, 4, 0.90);
    f.generate();

    assertThat(f.ofRule("trend:quality_up")).isEmpty();
  }

  @Test
  void activity_up_more_than_50_percent_is_a_medium_trend() {
    f.session(TODAY.minusDays(10), 10, 10, null);
    f.session(TODAY.minusDays(3), 10, 16, null);
    f.generate();

    assertThat(f.ofRule("trend:activity_up"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Learning activity up 60% from last week");
              assertThat(i.importance()).isEqualTo("medium");
              assertThat(i.data())
                  .containsEntry("current", 16)
                  .containsEntry("previous", 10)
                  .containsEntry("threshold", 0.5);
            });
  }

  @Test
  void activity_up_exactly_50_percent_is_no_trend() {
    f.session(TODAY.minusDays(10), 10, 10, null);
    f.session(TODAY.minusDays(3), 10, 15, null);
    f.generate();

    assertThat(f.listed("trend")).isEmpty();
  }

  @Test
  void last_week_is_cut_at_the_same_time_of_day_as_now() {
    // now is Tuesday 15:00: last Tuesday counts up to 15:00 only
    f.session(TODAY.minusDays(7), 9, 10, null);
    f.session(TODAY.minusDays(7), 18, 20, null); // after the cut: not compared
    f.session(TODAY, 9, 16, null);
    f.generate();

    assertThat(f.ofRule("trend:activity_up"))
        .singleElement()
        .satisfies(i -> assertThat(i.data()).containsEntry("previous", 10));
  }

  /**
   * Issue 10: at 15:30 last week's Tuesday is read from hourly rollups, so it counts to 16:00, and
   * the evidence said 15:30. It says what was counted, as the dashboard does.
   */
  @Test
  void the_reported_previous_window_ends_where_its_data_ends() {
    f.session(TODAY.minusDays(7), 15, 10, null); // 15:00-15:18 last Tuesday: counted
    f.session(TODAY.minusDays(7), 16, 10, null); // 16:00: after the cut
    f.session(TODAY, 9, 16, null);
    f.advance(java.time.Duration.ofMinutes(30)); // now is 15:30
    f.generate();

    assertThat(f.ofRule("trend:activity_up"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.data()).containsEntry("previous", 10);
              @SuppressWarnings("unchecked")
              java.util.Map<String, Object> window =
                  (java.util.Map<String, Object>) i.data().get("window");
              assertThat(window)
                  .containsEntry(
                      "previous_to", InsightFixture.at(TODAY.minusDays(7), 16, 0).toString())
                  .containsEntry("current_to", InsightFixture.at(TODAY, 15, 30).toString());
            });
  }

  @Test
  void a_trend_is_not_repeated_while_live_and_a_later_week_makes_a_new_one() {
    weeks(0.70, 0.80);
    f.generate();
    f.now(TODAY.plusDays(1), 15); // still true the next day: the live insight covers it
    assertThat(f.generate()).isZero();

    // two weeks on, quality rose again against the week before
    for (int d = 1; d <= 3; d++) {
      f.session(TODAY.plusDays(d), 10, 3, 0.80);
      f.session(TODAY.plusDays(7 + d), 10, 3, 0.95);
    }
    f.now(TODAY.plusDays(14), 15);
    f.generate();

    assertThat(f.ofRule("trend:quality_up"))
        .singleElement()
        .satisfies(i -> assertThat(i.title()).isEqualTo("Quality improved 19% this week"));
  }
}
