package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnlytics.support.ApiException.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightServiceTest extends InsightTestBase {
  /**
   * A history that makes insights of several kinds and importances: a quality trend (high), a
   * knowledge gap (medium), an emerging area and a strong connection (low).
   */
  void varied() {
    f.session(TODAY.minusDays(40), 10, 1, null, "python"); // long known: not emerging
    for (int d = 8; d <= 10; d++) {
      f.session(TODAY.minusDays(d), 10, 3, 0.70, "python");
    }
    for (int d = 1; d <= 2; d++) {
      f.session(TODAY.minusDays(d), 21, 3, 0.85, "rust", "ownership");
    }
    f.relation("rust", "ownership", "RELATES_TO", 0.9);
    f.relation("python", "c", "BUILDS_ON", 0.5);
  }

  @Test
  void generate_is_idempotent_a_second_call_right_after_stores_nothing() {
    varied();
    int first = f.generate();
    List<Insight> listed = f.listed();

    assertThat(first).isPositive().isEqualTo(listed.size());
    assertThat(f.generate()).isZero();
    assertThat(f.listed()).isEqualTo(listed);
  }

  @Test
  void an_empty_database_makes_no_insights() {
    assertThat(f.generate()).isZero();
    InsightList empty = f.insights.list(10, null, null);
    assertThat(empty.insights()).isEmpty();
    assertThat(empty.total()).isZero();
    assertThat(empty.newSinceLastVisit()).isZero();
  }

  @Test
  void ids_are_ins_and_12_hex_digits_stable_per_dedupe_key() {
    varied();
    f.generate();

    assertThat(f.listed()).allSatisfy(i -> assertThat(i.id()).matches("ins_[0-9a-f]{12}"));
    assertThat(InsightStore.id("milestone:sessions:10"))
        .isEqualTo(InsightStore.id("milestone:sessions:10"))
        .isNotEqualTo(InsightStore.id("milestone:sessions:25"));
  }

  @Test
  void insights_are_ranked_by_importance_then_newest_first() {
    varied();
    f.generate();
    f.advance(Duration.ofHours(1));
    f.session(TODAY, 15, 3, null, "wasm").session(TODAY.minusDays(3), 9, 1, null, "wasm");
    f.generate(); // a newer low: wasm is emerging too

    List<Insight> listed = f.listed();
    assertThat(listed)
        .extracting(Insight::importance)
        .containsExactly("high", "medium", "low", "low", "low", "low");
    assertThat(listed.get(0).title()).isEqualTo("Quality improved 21% this week");
    assertThat(listed.get(1).title()).isEqualTo("Knowledge gap: consider learning c");
    assertThat(listed.get(2).title()).isEqualTo("Emerging interest: wasm");
    assertThat(listed.subList(3, 6))
        .allSatisfy(i -> assertThat(i.generatedAt()).isBefore(listed.get(2).generatedAt()));
    assertThat(f.insights.recent(2)).isEqualTo(listed.subList(0, 2));
  }

  @Test
  void list_filters_by_type_and_importance_and_counts_all_matches_beyond_the_limit() {
    varied();
    f.generate();

    assertThat(f.insights.list(10, "knowledge", null).insights())
        .extracting(Insight::type)
        .containsOnly("knowledge")
        .hasSize(4);
    assertThat(f.insights.list(10, null, "low").insights())
        .extracting(Insight::importance)
        .containsOnly("low")
        .hasSize(3);
    assertThat(f.insights.list(10, "knowledge", "medium").insights())
        .extracting(Insight::title)
        .containsExactly("Knowledge gap: consider learning c");
    InsightList page = f.insights.list(1, "knowledge", null);
    assertThat(page.insights()).hasSize(1);
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.newSinceLastVisit()).isEqualTo(4);
  }

  @Test
  void an_unknown_type_importance_or_a_limit_below_1_is_invalid_input_naming_the_field() {
    assertThatThrownBy(() -> f.insights.list(10, "gossip", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "type: 'gossip' is not allowed; allowed values are trend, anomaly, milestone,"
                + " recommendation, knowledge");
    assertThatThrownBy(() -> f.insights.list(10, null, "urgent"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("importance: 'urgent' is not allowed");
    assertThatThrownBy(() -> f.insights.list(0, null, null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("limit:");
  }

  @Test
  void a_dismissed_insight_leaves_the_list_and_does_not_come_back() {
    varied();
    f.generate();
    Insight gap = f.ofRule("knowledge:prerequisite").get(0);

    assertThat(f.insights.dismiss(gap.id())).isTrue();
    assertThat(f.listed()).doesNotContain(gap);
    assertThat(f.generate()).isZero();
    assertThat(f.listed()).extracting(Insight::id).doesNotContain(gap.id());
    assertThat(f.insights.dismiss("ins_000000000000")).isFalse();
  }

  @Test
  void mark_seen_clears_new_since_last_visit_until_a_new_insight_arrives() {
    varied();
    int generated = f.generate();
    assertThat(f.insights.list(10, null, null).newSinceLastVisit()).isEqualTo(generated);
    assertThat(f.listed()).allMatch(Insight::isNew);

    assertThat(f.insights.markSeen()).isEqualTo(generated);
    InsightList seen = f.insights.list(10, null, null);
    assertThat(seen.newSinceLastVisit()).isZero();
    assertThat(seen.total()).isEqualTo(generated);
    assertThat(seen.insights()).noneMatch(Insight::isNew);
    assertThat(f.insights.markSeen()).isZero();

    f.session(TODAY, 12, 3, null, "wasm");
    f.generate();
    InsightList later = f.insights.list(10, null, null);
    assertThat(later.newSinceLastVisit()).isEqualTo(1);
    assertThat(later.insights())
        .filteredOn(Insight::isNew)
        .extracting(Insight::title)
        .containsExactly("Emerging interest: wasm");
  }

  @Test
  void insights_expire_7_days_after_generation_for_trends_and_30_for_knowledge() {
    varied();
    f.generate();
    Instant generated = f.clock.instant();
    Insight trend = f.ofRule("trend:quality_up").get(0);
    assertThat(trend.expiresAt()).isEqualTo(generated.plus(Duration.ofDays(7)));

    f.clock.now = generated.plus(Duration.ofDays(7)).minusMillis(1);
    assertThat(f.listed("trend")).hasSize(1);
    f.clock.now = generated.plus(Duration.ofDays(7));
    assertThat(f.listed("trend")).isEmpty();
    assertThat(f.listed("knowledge")).hasSize(4);

    f.clock.now = generated.plus(Duration.ofDays(30));
    assertThat(f.listed()).isEmpty();
    assertThat(f.insights.list(10, null, null).total()).isZero();
  }

  @Test
  void every_type_has_its_lifetime() {
    assertThat(Candidate.ttl("trend")).isEqualTo(Duration.ofDays(7));
    assertThat(Candidate.ttl("anomaly")).isEqualTo(Duration.ofDays(7));
    assertThat(Candidate.ttl("recommendation")).isEqualTo(Duration.ofDays(14));
    assertThat(Candidate.ttl("milestone")).isEqualTo(Duration.ofDays(30));
    assertThat(Candidate.ttl("knowledge")).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void robust_baseline_uses_median_and_mad_and_floors_a_zero_mad() {
    RobustBaseline b = RobustBaseline.of(List.of(2.0, 3.0, 2.0, 2.0, 40.0), 0.5);
    assertThat(b.median()).isEqualTo(2.0);
    assertThat(b.mad()).isZero(); // the 40 does not move it
    assertThat(b.scale()).isEqualTo(0.5);
    assertThat(b.z(0)).isEqualTo(0.6745 * -2 / 0.5);

    RobustBaseline spread = RobustBaseline.of(List.of(1.0, 2.0, 4.0, 8.0), 0.5);
    assertThat(spread.median()).isEqualTo(3.0);
    assertThat(spread.mad()).isEqualTo(1.5); // deviations 2, 1, 1, 5
  }
}
