package io.learnlytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.learnlytics.Workspace;
import io.learnlytics.cache.ResponseCache;
import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.goal.GoalService;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.Json;
import java.time.Duration;
import java.util.Map;

/** {@code /api/analytics/goals}: progress view (cached), and create/read/update/delete. */
final class GoalRoutes {
  static final String GOALS = "/api/analytics/goals";
  static final String GOAL = "/api/analytics/goals/{id}";
  static final Policy POLICY = new Policy(Duration.ofSeconds(60), Duration.ofSeconds(30));

  private final LearnerScope scope;
  private final ResponseCache cache;

  GoalRoutes(LearnerScope scope, ResponseCache cache) {
    this.scope = scope;
    this.cache = cache;
  }

  void view(Context ctx) {
    Workspace ws = scope.of(ctx);
    GoalService goals = ws.goals();
    ctx.contentType("application/json")
        .result(cache.get(GOALS, LearnerScope.dayKey(ctx, ws, Map.of()), POLICY, goals::view));
  }

  void create(Context ctx) {
    ctx.status(201).json(scope.of(ctx).goals().create(body(ctx)));
  }

  void get(Context ctx) {
    ctx.json(scope.of(ctx).goals().get(ctx.pathParam("id")));
  }

  void update(Context ctx) {
    ctx.json(scope.of(ctx).goals().update(ctx.pathParam("id"), body(ctx)));
  }

  void delete(Context ctx) {
    scope.of(ctx).goals().delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  static JsonNode body(Context ctx) {
    try {
      return Json.MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw InvalidInput.of("body", "is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
