package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.access.Principal;
import org.junit.jupiter.api.Test;

class LearnerPathsTest {
  private static final Principal ALICE = Principal.learner("alice");

  @Test
  void the_learner_of_a_data_path_is_its_first_segment_after_learners() {
    assertThat(LearnerPaths.learnerOf("/api/learners/alice/events")).isEqualTo("alice");
    assertThat(LearnerPaths.learnerOf("/api/learners/a.b-c_d/analytics/overview"))
        .isEqualTo("a.b-c_d");
    assertThat(LearnerPaths.learnerOf("/api/learners/alice")).isNull();
    assertThat(LearnerPaths.learnerOf("/api/learners/alice/")).isNull();
    assertThat(LearnerPaths.learnerOf("/api/learners/alice//")).isNull();
    assertThat(LearnerPaths.learnerOf("/api/learners/al%69ce/events")).isNull();
    assertThat(LearnerPaths.learnerOf("/api/learners//events")).isNull();
    assertThat(LearnerPaths.learnerOf("/api/events")).isNull();
  }

  @Test
  void a_learner_may_use_its_own_paths_and_the_contract_only() {
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/alice/events")).isTrue();
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/alice/analytics/goals/g1")).isTrue();
    assertThat(LearnerPaths.allows(ALICE, "/api/meta")).isTrue();
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/bob/events")).isFalse();
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/alice")).isFalse();
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/alice/")).isFalse();
    assertThat(LearnerPaths.allows(ALICE, "/api/events")).isFalse();
    assertThat(LearnerPaths.allows(ALICE, "/api/analytics/overview")).isFalse();
    assertThat(LearnerPaths.allows(ALICE, "/api/learners/ALICE/events")).isFalse();
    assertThat(LearnerPaths.allows(Principal.ADMIN, "/api/learners/bob/events")).isTrue();
    assertThat(LearnerPaths.allows(Principal.ADMIN, "/api/learners/bob")).isTrue();
  }

  @Test
  void a_path_that_could_lead_elsewhere_is_refused() {
    for (String path :
        new String[] {
          "/api/learners/alice/../bob/events",
          "/api/learners/alice/%2e%2e/bob/events",
          "/api/learners/alice/%2E./bob/events",
          "/api/learners/alice/..;/bob/events",
          "/api/learners/alice/./events",
          "/api/learners/alice//events",
          "/api/learners/alice;x/events"
        }) {
      assertThat(LearnerPaths.allows(ALICE, path)).as(path).isFalse();
    }
  }
}
