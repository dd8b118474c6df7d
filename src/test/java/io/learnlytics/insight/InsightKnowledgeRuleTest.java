package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InsightKnowledgeRuleTest extends InsightTestBase {
  @Test
  void a_strong_relation_between_two_studied_concepts_is_a_strong_connection() {
    f.session(TODAY.minusDays(40), 10, 2, null, "machine learning", "statistics");
    f.relation("machine learning", "statistics", "RELATES_TO", 0.85);
    f.relation("statistics", "machine learning", "BUILDS_ON", 0.80); // same pair, weaker
    f.generate();

    assertThat(f.listed("knowledge"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Strong connection: machine learning and statistics");
              assertThat(i.description())
                  .isEqualTo(
                      "You've built strong connections between machine learning and statistics"
                          + " (RELATES_TO, strength 0.85).");
              assertThat(i.importance()).isEqualTo("low");
              assertThat(i.icon()).isEqualTo("link");
              assertThat(i.data())
                  .containsEntry("strength", 0.85)
                  .containsEntry("threshold", 0.8)
                  .containsEntry("source_mentions", 2)
                  .containsEntry("target_mentions", 2);
            });
  }

  @Test
  void a_weaker_relation_or_one_with_an_unstudied_concept_is_no_strong_connection() {
    f.session(TODAY.minusDays(40), 10, 1, null, "sql", "indexes");
    f.relation("sql", "indexes", "RELATES_TO", 0.79);
    f.relation("sql", "query planning", "RELATES_TO", 0.95); // query planning never mentioned
    f.generate();

    assertThat(f.ofRule("knowledge:connection")).isEmpty();
  }

  @Test
  void a_studied_concept_whose_prerequisite_was_never_studied_is_a_knowledge_gap() {
    f.session(TODAY.minusDays(40), 10, 3, null, "neural networks");
    f.relation("neural networks", "linear algebra", "BUILDS_ON", 0.7);
    f.generate();

    assertThat(f.ofRule("knowledge:prerequisite"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Knowledge gap: consider learning linear algebra");
              assertThat(i.description())
                  .isEqualTo(
                      "You study neural networks but never studied its prerequisite linear"
                          + " algebra.");
              assertThat(i.importance()).isEqualTo("medium");
              assertThat(i.data())
                  .containsEntry("concept", "neural networks")
                  .containsEntry("concept_mentions", 3)
                  .containsEntry("prerequisite", "linear algebra")
                  .containsEntry("relation", "BUILDS_ON")
                  .containsEntry("learning_path", List.of("linear algebra", "neural networks"))
                  .containsEntry("path_next", "linear algebra");
            });
  }

  @Test
  void a_studied_prerequisite_or_a_relates_to_relation_is_no_knowledge_gap() {
    f.session(TODAY.minusDays(40), 10, 1, null, "neural networks", "linear algebra");
    f.session(TODAY.minusDays(40), 12, 1, null, "docker");
    f.relation("neural networks", "linear algebra", "BUILDS_ON", 0.7);
    f.relation("docker", "kubernetes", "RELATES_TO", 0.7); // related, not a prerequisite
    f.relation("calculus", "limits", "BUILDS_ON", 0.7); // neither studied
    f.generate();

    assertThat(f.ofRule("knowledge:prerequisite")).isEmpty();
  }

  @Test
  void a_topic_first_seen_within_14_days_with_3_mentions_is_an_emerging_area() {
    f.session(TODAY.minusDays(13), 10, 2, null, "rust");
    f.session(TODAY.minusDays(2), 10, 1, null, "rust");
    f.generate();

    assertThat(f.ofRule("knowledge:emerging"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("Emerging interest: rust");
              assertThat(i.data())
                  .containsEntry("first_seen", "2025-12-03")
                  .containsEntry("mentions", 3)
                  .containsEntry("window_days", 14);
            });
  }

  @Test
  void an_older_topic_or_one_with_fewer_than_3_mentions_is_not_emerging() {
    f.session(TODAY.minusDays(14), 10, 5, null, "go"); // first seen 15 learning days ago
    f.session(TODAY.minusDays(1), 10, 2, null, "zig");
    f.generate();

    assertThat(f.ofRule("knowledge:emerging")).isEmpty();
  }

  @Test
  void at_most_3_insights_of_a_knowledge_kind_are_listed_and_a_dismissed_one_makes_room() {
    for (String t : new String[] {"a", "b", "c", "d", "e"}) {
      f.session(TODAY.minusDays(2), 10, 3, null, t);
    }
    f.generate();
    assertThat(f.ofRule("knowledge:emerging")).hasSize(3);
    assertThat(f.generate()).isZero();

    f.insights.dismiss(f.ofRule("knowledge:emerging").get(0).id());
    assertThat(f.generate()).isEqualTo(1);
    assertThat(f.ofRule("knowledge:emerging")).hasSize(3);
  }
}
