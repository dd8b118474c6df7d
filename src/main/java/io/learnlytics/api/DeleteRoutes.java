package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.ingest.Erased;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/events/{id}[?kind=exchange|feedback|quality|relation]}: erases one event (an
 * exchange with its feedback and quality scores) and lets the rollups follow within a second.
 */
final class DeleteRoutes {
  static final String EVENT = "/api/events/{id}";

  private final LearnerScope scope;

  DeleteRoutes(LearnerScope scope) {
    this.scope = scope;
  }

  void delete(Context ctx) {
    String kind = ctx.queryParam("kind"); // blank is absent, as for every query parameter
    Erased e =
        scope
            .of(ctx)
            .ingest()
            .forget(ctx.pathParam("id"), kind == null || kind.isBlank() ? null : kind.strip());
    Map<String, Object> deleted = new LinkedHashMap<>();
    deleted.put("exchanges", e.exchanges());
    deleted.put("feedback", e.feedback());
    deleted.put("quality", e.quality());
    deleted.put("relations", e.relations());
    ctx.json(Map.of("deleted", deleted));
  }
}
