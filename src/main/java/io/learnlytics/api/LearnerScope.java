package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.NotFound;
import java.util.HashMap;
import java.util.Map;

/**
 * Whose data a request is about. Every data route exists twice: as {@code /api/...} for the default
 * learner (the paths of a single-user install, unchanged) and as {@code
 * /api/learners/{learner}/...} for any learner. An unknown learner is a 404 whose body reveals
 * nothing more than a missing route's would.
 */
final class LearnerScope {
  static final String PARAM = "learner";
  static final String PREFIX = "/api/learners/{" + PARAM + "}";

  private final App app;

  LearnerScope(App app) {
    this.app = app;
  }

  /** The learner path of a default-learner path: {@code /api/x} becomes {@code PREFIX/x}. */
  static String learnerPath(String path) {
    return PREFIX + path.substring("/api".length());
  }

  /** The learner a request's path names, or the default learner. */
  static String learnerOf(Context ctx) {
    String id = ctx.pathParamMap().get(PARAM);
    return id == null ? Database.DEFAULT_LEARNER : id;
  }

  /** The services of the request's learner. */
  Workspace of(Context ctx) {
    String id = learnerOf(ctx);
    return app.workspace(id).orElseThrow(() -> unknown(id));
  }

  static NotFound unknown(String id) {
    return new NotFound("no learner '" + id + "'");
  }

  /** A cache key: the endpoint's parameters and the learner they are about. */
  static Map<String, String> key(Context ctx, Map<String, String> params) {
    Map<String, String> key = new HashMap<>(params);
    key.put(PARAM, learnerOf(ctx));
    return key;
  }

  /**
   * A cache key with the learner and their learning date: an answer computed before the learner's
   * day boundary (midnight or their day-start hour) is never served for the new day.
   */
  static Map<String, String> dayKey(Context ctx, Workspace ws, Map<String, String> params) {
    Map<String, String> key = key(ctx, params);
    key.put("day", ws.dashboard().today().toString());
    return key;
  }
}
