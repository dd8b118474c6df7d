package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.Workspace;
import io.learnlytics.cache.ResponseCache;
import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.insight.InsightService;
import io.learnlytics.support.ApiException.NotFound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/analytics/insights}: the ranked list (cached), dismissing one, marking all seen, and
 * generating on demand. Every change drops the cached insight and overview answers.
 */
final class InsightRoutes {
  static final String INSIGHTS = "/api/analytics/insights";
  static final String DISMISS = "/api/analytics/insights/{id}/dismiss";
  static final String SEEN = "/api/analytics/insights/seen";
  static final String GENERATE = "/api/analytics/insights/generate";
  static final Policy POLICY = new Policy(Duration.ofSeconds(1800), Duration.ofSeconds(300));

  private final LearnerScope scope;
  private final ResponseCache cache;

  InsightRoutes(LearnerScope scope, ResponseCache cache) {
    this.scope = scope;
    this.cache = cache;
  }

  void list(Context ctx) {
    int limit = Params.intBetween(ctx, "limit", 1, 100, 10);
    List<String> anyType = new ArrayList<>(InsightService.TYPES);
    anyType.add("any");
    List<String> anyImportance = new ArrayList<>(InsightService.IMPORTANCES);
    anyImportance.add("any");
    String type = Params.oneOf(ctx, "type", anyType, "any");
    String importance = Params.oneOf(ctx, "importance", anyImportance, "any");
    Workspace ws = scope.of(ctx);
    InsightService insights = ws.insights();
    byte[] body =
        cache.get(
            INSIGHTS,
            LearnerScope.dayKey(
                ctx,
                ws,
                Map.of("limit", Integer.toString(limit), "type", type, "importance", importance)),
            POLICY,
            () -> insights.list(limit, nullIfAny(type), nullIfAny(importance)));
    ctx.contentType("application/json").result(body);
  }

  void dismiss(Context ctx) {
    String id = ctx.pathParam("id");
    if (!scope.of(ctx).insights().dismiss(id)) {
      throw new NotFound("no insight with id '" + id + "'");
    }
    changed();
    ctx.json(Map.of("dismissed", id));
  }

  void seen(Context ctx) {
    int marked = scope.of(ctx).insights().markSeen();
    changed();
    ctx.json(Map.of("marked_seen", marked));
  }

  void generate(Context ctx) {
    int generated = scope.of(ctx).insights().generate();
    changed();
    ctx.json(Map.of("generated", generated));
  }

  private void changed() {
    cache.invalidate(INSIGHTS, AnalyticsRoutes.OVERVIEW);
  }

  private static @Nullable String nullIfAny(String v) {
    return v.equals("any") ? null : v;
  }
}
