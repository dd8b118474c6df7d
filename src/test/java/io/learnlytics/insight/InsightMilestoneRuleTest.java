package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static io.learnlytics.insight.InsightFixture.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InsightMilestoneRuleTest extends InsightTestBase {
  static final long[] SESSIONS = MilestoneRule.SESSION_THRESHOLDS;

  @Test
  void crossing_is_previous_below_and_current_at_or_above_the_threshold() {
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 9L, 10)).isEqualTo(10);
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 9L, 11)).isEqualTo(10);
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 10L, 10)).isZero(); // equal, not crossed
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 10L, 24)).isZero();
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 20L, 60)).isEqualTo(50); // highest only
    assertThat(MilestoneRule.highestCrossed(SESSIONS, null, 137)).isEqualTo(100);
    assertThat(MilestoneRule.highestCrossed(SESSIONS, null, 9)).isZero();
    assertThat(MilestoneRule.highestCrossed(SESSIONS, 6000L, 7000)).isZero();
  }

  @Test
  void a_session_milestone_fires_once_when_crossed_between_two_evaluations() {
    f.sessions(TODAY.minusDays(20), 9);
    f.generate();
    assertThat(f.listed("milestone")).isEmpty();

    f.sessions(TODAY.minusDays(3), 2); // 9 -> 11: passes 10 without ever equalling it
    f.generate();
    assertThat(f.listed("milestone"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("10 learning sessions completed!");
              assertThat(i.importance()).isEqualTo("high");
              assertThat(i.icon()).isEqualTo("trophy");
              assertThat(i.data())
                  .containsEntry("threshold", 10)
                  .containsEntry("value", 11)
                  .containsEntry("previous_value", 9);
            });

    assertThat(f.generate()).isZero();
    f.sessions(TODAY.minusDays(2), 1);
    f.generate();
    assertThat(f.listed("milestone")).hasSize(1);
  }

  @Test
  void a_count_that_stays_on_a_threshold_never_fires_it_again() {
    f.sessions(TODAY.minusDays(20), 9);
    f.generate();
    f.sessions(TODAY.minusDays(19), 1); // exactly 10
    f.generate();
    f.insights.dismiss(f.listed("milestone").get(0).id());

    for (int i = 0; i < 4; i++) { // later evaluations still at 10, also after the first expired
      f.advance(Duration.ofDays(13));
      f.generate();
      assertThat(f.listed("milestone")).isEmpty();
    }
  }

  @Test
  void the_first_evaluation_of_a_database_past_several_thresholds_fires_only_the_highest() {
    f.sessions(TODAY.minusDays(40), 14).sessions(TODAY.minusDays(30), 13); // 27 sessions
    f.generate();

    assertThat(f.listed("milestone"))
        .extracting(Insight::title)
        .containsExactly("25 learning sessions completed!");
  }

  @Test
  void a_streak_milestone_fires_when_today_extends_the_streak_to_7_days() {
    for (int d = 1; d <= 6; d++) {
      f.sessions(TODAY.minusDays(d), 1);
    }
    f.generate();
    assertThat(f.listed("milestone")).isEmpty(); // 6 days through yesterday, today pending

    f.sessions(TODAY, 1);
    f.generate();
    assertThat(f.listed("milestone"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("7-day learning streak achieved!");
              assertThat(i.icon()).isEqualTo("fire");
              assertThat(i.data())
                  .containsEntry("value", 7)
                  .containsEntry("streak_start", "2025-12-10");
            });
  }

  @Test
  void today_without_a_session_yet_does_not_break_a_streak() {
    for (int d = 1; d <= 7; d++) {
      f.sessions(TODAY.minusDays(d), 1);
    }
    f.generate();

    assertThat(f.listed("milestone"))
        .extracting(Insight::title)
        .containsExactly("7-day learning streak achieved!");
  }

  @Test
  void a_day_without_sessions_breaks_the_streak_and_a_new_streak_can_reach_7_again() {
    for (int d = 2; d <= 8; d++) {
      f.sessions(TODAY.minusDays(d), 1); // 7 days, ending the day before yesterday
    }
    f.now(YESTERDAY.minusDays(1), 20);
    f.generate();
    assertThat(f.listed("milestone")).extracting(Insight::title).hasSize(1);

    f.now(TODAY, 15); // yesterday had nothing: the streak is broken
    f.generate();
    for (int d = 1; d <= 7; d++) {
      f.sessions(TODAY.plusDays(d), 1);
    }
    f.now(TODAY.plusDays(7), 20);
    f.generate();

    assertThat(f.listed("milestone"))
        .filteredOn(i -> i.icon().equals("fire"))
        .extracting(i -> i.data().get("streak_start"))
        .containsExactlyInAnyOrder("2025-12-08", "2025-12-17");
  }

  @Test
  void a_streak_below_7_days_is_no_milestone() {
    for (int d = 0; d <= 5; d++) {
      f.sessions(TODAY.minusDays(d), 1);
    }
    f.generate();

    assertThat(f.listed("milestone")).isEmpty();
  }
}
