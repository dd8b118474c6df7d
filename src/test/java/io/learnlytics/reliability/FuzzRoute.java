package io.learnlytics.reliability;

import java.util.List;

/**
 * One route of the API as the fuzz suite sees it: method, template (as Javalin registers it), the
 * query parameters it reads and whether it takes a body. {@link #ALL} must list every route {@code
 * WebServer.routes()} reports; {@code HostileInputFuzzTest} fails when one is missing, so a new
 * route cannot escape the suite.
 */
record FuzzRoute(String method, String template, List<String> params, Body body) {
  /** What a well-formed body of the route looks like, for hostile variations of it. */
  enum Body {
    NONE,
    EVENTS,
    GOAL
  }

  /** The routes of the default learner; each data route also has a twin for any learner. */
  private static final List<FuzzRoute> DEFAULT_LEARNER =
      List.of(
          get("/api/health"),
          get("/api/meta"),
          get("/metrics"),
          get("/js/app.min.js"),
          get("/js/app.lazy.min.js"),
          get("/css/dashboard.min.css"),
          new FuzzRoute("POST", "/api/events", List.of(), Body.EVENTS),
          new FuzzRoute("DELETE", "/api/events/{id}", List.of("kind"), Body.NONE),
          get("/api/analytics/overview", "period"),
          get("/api/analytics/progress", "period", "metrics", "granularity"),
          get("/api/analytics/trends", "period", "metric", "window"),
          get("/api/analytics/topics", "period", "limit"),
          get("/api/analytics/topics/path", "to"),
          get("/api/analytics/anomalies", "period", "metric"),
          get("/api/analytics/topics/detail", "name", "period"),
          get("/api/analytics/rhythm", "period"),
          get("/api/analytics/year"),
          get("/api/analytics/month", "month"),
          get("/api/analytics/quality", "period"),
          get("/api/analytics/velocity", "period"),
          get("/api/analytics/goals"),
          get("/api/analytics/streak"),
          new FuzzRoute("PUT", "/api/analytics/streak/protection", List.of(), Body.GOAL),
          new FuzzRoute("POST", "/api/analytics/goals", List.of(), Body.GOAL),
          get("/api/analytics/goals/{id}"),
          new FuzzRoute("PUT", "/api/analytics/goals/{id}", List.of(), Body.GOAL),
          new FuzzRoute("DELETE", "/api/analytics/goals/{id}", List.of(), Body.NONE),
          get("/api/analytics/insights", "limit", "type", "importance"),
          post("/api/analytics/insights/{id}/dismiss"),
          post("/api/analytics/insights/seen"),
          post("/api/analytics/insights/generate"),
          get("/api/analytics/export", "format", "period", "include"));

  static final List<FuzzRoute> ALL = all();

  private static List<FuzzRoute> all() {
    List<FuzzRoute> all = new java.util.ArrayList<>(DEFAULT_LEARNER);
    for (FuzzRoute r : DEFAULT_LEARNER) {
      if (r.template.startsWith("/api/events") || r.template.startsWith("/api/analytics")) {
        String twin = "/api/learners/{learner}" + r.template.substring("/api".length());
        all.add(new FuzzRoute(r.method, twin, r.params, r.body));
      }
    }
    all.add(get("/api/learners"));
    all.add(get("/api/learners/{learner}"));
    all.add(new FuzzRoute("PUT", "/api/learners/{learner}", List.of(), Body.GOAL));
    return List.copyOf(all);
  }

  /** {@code "GET /api/health"}: the form {@code WebServer.routes()} lists. */
  String key() {
    return method + " " + template;
  }

  /** The template with each {@code {param}} replaced by {@code value} (already URL-encoded). */
  String path(String value) {
    return template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
  }

  boolean hasPathParam() {
    return template.contains("{");
  }

  private static FuzzRoute get(String template, String... params) {
    return new FuzzRoute("GET", template, List.of(params), Body.NONE);
  }

  private static FuzzRoute post(String template) {
    return new FuzzRoute("POST", template, List.of(), Body.NONE);
  }
}
