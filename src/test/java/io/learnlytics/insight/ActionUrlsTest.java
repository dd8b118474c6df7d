package io.learnlytics.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code action_url} per rule: a panel of the page, a topic's view, or none. */
class ActionUrlsTest {
  static final String ME = Database.DEFAULT_LEARNER;

  @Test
  void every_panel_rule_links_to_the_panel_that_shows_what_it_is_about() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("trend:quality_up@2025-11-20", "/?period=7d#trend"),
            Map.entry("trend:quality_down@2025-11-20", "/?period=7d#trend"),
            Map.entry("trend:activity_up@2025-11-20", "/?period=7d#progress"),
            Map.entry("anomaly:quality_high:2025-11-19", "/?period=30d#trend"),
            Map.entry("anomaly:quality_low:2025-11-19", "/?period=30d#trend"),
            Map.entry("anomaly:no_sessions:2025-11-19", "/?period=30d#progress"),
            Map.entry("anomaly:sessions_high:2025-11-19", "/?period=30d#progress"),
            Map.entry("anomaly:sessions_low:2025-11-19", "/?period=30d#progress"),
            Map.entry("milestone:sessions:100", "/#progress"),
            Map.entry("milestone:streak:7:2025-11-13", "/#streak"),
            Map.entry("recommendation:peak_hour@2025-11-20", "/?period=30d#rhythm"));
    expected.forEach(
        (key, url) -> assertThat(ActionUrls.of(ME, key, Map.of())).as(key).isEqualTo(url));
  }

  @Test
  void topic_rules_open_the_topics_view_with_the_name_url_encoded() {
    String odd = "c++ & data/structures? 100%#1 ü";
    String encoded = "c%2B%2B%20%26%20data%2Fstructures%3F%20100%25%231%20%C3%BC";

    assertThat(ActionUrls.of(ME, "recommendation:revisit:x@2025-11-20", Map.of("topic", odd)))
        .isEqualTo("/?topic=" + encoded);
    assertThat(
            ActionUrls.of(
                ME, "knowledge:connection:a|b", Map.of("source", "linked lists", "target", "b")))
        .isEqualTo("/?topic=linked%20lists");
    assertThat(
            ActionUrls.of(
                ME,
                "knowledge:prerequisite:recursion|functions",
                Map.of("concept", "recursion", "prerequisite", "functions")))
        .isEqualTo("/?topic=recursion");
    assertThat(ActionUrls.of(ME, "knowledge:emerging:graphs", Map.of("concept", "graphs")))
        .isEqualTo("/?topic=graphs");
  }

  @Test
  void another_learners_urls_name_the_learner_as_the_pages_links_do() {
    assertThat(ActionUrls.of("alice", "knowledge:emerging:graphs", Map.of("concept", "graphs")))
        .isEqualTo("/?learner=alice&topic=graphs");
    assertThat(ActionUrls.of("alice", "trend:quality_up@2025-11-20", Map.of()))
        .isEqualTo("/?learner=alice&period=7d#trend");
    assertThat(ActionUrls.of("alice", "milestone:streak:7:2025-11-13", Map.of()))
        .isEqualTo("/?learner=alice#streak");
  }

  @Test
  void an_insight_with_nothing_to_open_has_no_url() {
    assertThat(ActionUrls.of(ME, "recommendation:correction_rate@2025-11-20", Map.of())).isNull();
    assertThat(ActionUrls.of(ME, "knowledge:emerging:graphs", Map.of())).isNull();
    assertThat(ActionUrls.of(ME, "gossip:rumour", Map.of())).isNull();
  }
}
