package io.learnlytics.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.graph.KnowledgeGraph.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared rules on their own: communities, and that they do not depend on input order. */
class GraphRulesTest {
  /** Two triangles of concepts joined by one bridge: two communities, not one component. */
  static final List<String[]> TWO_TRIANGLES =
      List.of(
          new String[] {"a1", "a2"},
          new String[] {"a2", "a3"},
          new String[] {"a3", "a1"},
          new String[] {"b1", "b2"},
          new String[] {"b2", "b3"},
          new String[] {"b3", "b1"},
          new String[] {"a3", "b1"});

  @Test
  void a_single_bridge_does_not_merge_two_communities() {
    Map<String, Long> mentions = Map.of("a2", 5L, "b3", 4L);
    assertThat(GraphRules.clusters(mentions, TWO_TRIANGLES, 10))
        .containsExactly(
            new Cluster("a2", 3, List.of("a2", "a1", "a3")),
            new Cluster("b3", 3, List.of("b3", "b1", "b2")));
  }

  @Test
  void the_answer_does_not_depend_on_the_order_the_store_returned_the_pairs() {
    List<Cluster> expected = GraphRules.clusters(Map.of(), TWO_TRIANGLES, 10);
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<String[]> shuffled = new ArrayList<>(TWO_TRIANGLES);
      java.util.Collections.shuffle(shuffled, random);
      List<String[]> flipped = new ArrayList<>();
      for (String[] p : shuffled) {
        flipped.add(random.nextBoolean() ? p : new String[] {p[1], p[0]});
      }
      assertThat(GraphRules.clusters(Map.of(), flipped, 10)).isEqualTo(expected);
    }
  }
}
