package io.learnlytics.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.learnlytics.Workspace;
import io.learnlytics.cache.ResponseCache;
import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.dashboard.Dashboard;
import io.learnlytics.dashboard.Metric;
import io.learnlytics.dashboard.ProgressService;
import io.learnlytics.dashboard.TopicDetailService;
import io.learnlytics.dashboard.TopicService;
import io.learnlytics.graph.GraphUnavailableException;
import io.learnlytics.insight.AnomalyMetric;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.support.ApiException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code /api/analytics/*}: validates parameters, answers from the response cache, computes on a
 * miss, and records request metrics under the route template.
 */
final class AnalyticsRoutes {
  static final String OVERVIEW = "/api/analytics/overview";
  static final String PROGRESS = "/api/analytics/progress";
  static final String TRENDS = "/api/analytics/trends";
  static final String TOPICS = "/api/analytics/topics";
  static final String TOPIC_PATH = "/api/analytics/topics/path";
  static final String ANOMALIES = "/api/analytics/anomalies";
  static final String TOPIC_DETAIL = "/api/analytics/topics/detail";
  static final String RHYTHM = "/api/analytics/rhythm";
  static final String YEAR = "/api/analytics/year";
  static final String MONTH = "/api/analytics/month";
  static final String QUALITY = "/api/analytics/quality";
  static final String VELOCITY = "/api/analytics/velocity";

  /** Longest concept name accepted in a query (ingest's limit on a topic). */
  static final int MAX_CONCEPT_LENGTH = 256;

  /** The spec's TTL and stale-while-revalidate per endpoint. */
  static final Map<String, Policy> POLICIES =
      Map.ofEntries(
          Map.entry(OVERVIEW, policy(300, 60)),
          Map.entry(PROGRESS, policy(300, 60)),
          Map.entry(TRENDS, policy(600, 120)),
          Map.entry(ANOMALIES, policy(600, 120)),
          Map.entry(TOPIC_DETAIL, policy(600, 120)),
          Map.entry(RHYTHM, policy(600, 120)),
          Map.entry(QUALITY, policy(600, 120)),
          Map.entry(VELOCITY, policy(3600, 600)),
          Map.entry(YEAR, policy(3600, 600)),
          Map.entry(MONTH, policy(600, 120)),
          Map.entry(TOPICS, policy(3600, 600)));

  static final List<String> TREND_WINDOWS = List.of("7", "14", "30");
  static final List<String> GRANULARITIES = List.of("daily", "weekly", "monthly");

  static final int GRAPH_RETRY_SECONDS = 10;

  private final LearnerScope scope;
  private final ResponseCache cache;
  private final ApiMetrics metrics;

  AnalyticsRoutes(LearnerScope scope, ResponseCache cache, ApiMetrics metrics) {
    this.scope = scope;
    this.cache = cache;
    this.metrics = metrics;
  }

  void overview(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    answer(
        ctx,
        dashboard,
        OVERVIEW,
        Map.of("period", period),
        () -> dashboard.overview().overview(Period.parse(period)));
  }

  void progress(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    List<String> names =
        Params.subset(ctx, "metrics", Metric.PROGRESS_IDS, List.of("sessions", "quality"));
    String auto = ProgressService.autoGranularity(Period.parse(period)).id();
    String granularity = Params.oneOf(ctx, "granularity", GRANULARITIES, auto);
    List<Metric> metrics = names.stream().map(Metric::of).toList();
    answer(
        ctx,
        dashboard,
        PROGRESS,
        Map.of("period", period, "metrics", String.join(",", names), "granularity", granularity),
        () ->
            dashboard
                .progress()
                .progress(Period.parse(period), metrics, Level.fromId(granularity)));
  }

  void trends(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    String metric = Params.oneOf(ctx, "metric", Metric.TREND_IDS, "quality");
    String window = Params.oneOf(ctx, "window", TREND_WINDOWS, "7");
    answer(
        ctx,
        dashboard,
        TRENDS,
        Map.of("period", period, "metric", metric, "window", window),
        () ->
            dashboard
                .trends()
                .trends(Period.parse(period), Metric.of(metric), Integer.parseInt(window)));
  }

  /** Every flagged day of a period, by the detector of the anomaly insights. */
  void anomalies(Context ctx) {
    Workspace ws = scope.of(ctx);
    String period = Params.oneOf(ctx, "period", Period.IDS_WITH_ALL, "90d");
    String metric = Params.oneOf(ctx, "metric", AnomalyMetric.IDS, "sessions");
    answer(
        ctx,
        ws.dashboard(),
        ANOMALIES,
        Map.of("period", period, "metric", metric),
        () -> ws.insights().anomalies().history(Period.parse(period), AnomalyMetric.of(metric)));
  }

  void topics(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS_WITH_ALL, Period.DEFAULT);
    int limit = Params.intBetween(ctx, "limit", 1, 100, 20);
    Supplier<?> compute = () -> dashboard.topics().topics(Period.parse(period), limit);
    if (dashboard.topics().graph().unavailable()) {
      // Not cached while the graph is down: each request tries it again, and the first answer
      // with the graph back drops what was cached meanwhile (KnowledgeGraph.onRecovery).
      ctx.json(compute.get());
      return;
    }
    answer(
        ctx,
        dashboard,
        TOPICS,
        Map.of("period", period, "limit", Integer.toString(limit)),
        compute);
  }

  /** A learning path toward {@code to}; not cached (one concept of thousands per request). */
  void path(Context ctx) {
    String to = Params.text(ctx, "to", MAX_CONCEPT_LENGTH);
    Dashboard dashboard = scope.of(ctx).dashboard();
    try {
      TopicService.LearningPath path =
          dashboard
              .topics()
              .path(to)
              .orElseThrow(
                  () -> new ApiException.NotFound("no concept named '" + to + "' in the graph"));
      ctx.json(path);
    } catch (GraphUnavailableException e) {
      throw new ApiException.Unavailable(e.getMessage(), GRAPH_RETRY_SECONDS);
    }
  }

  /** One topic over a period: its buckets, totals and graph neighbours; 404 for an unknown one. */
  void topicDetail(Context ctx) {
    String name = Params.text(ctx, "name", MAX_CONCEPT_LENGTH);
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    Dashboard dashboard = scope.of(ctx).dashboard();
    if (dashboard.topics().graph().unavailable()) {
      ctx.json(detail(dashboard, name, period));
      return;
    }
    answer(
        ctx,
        dashboard,
        TOPIC_DETAIL,
        Map.of("name", name, "period", period),
        () -> detail(dashboard, name, period));
  }

  private static TopicDetailService.TopicDetail detail(
      Dashboard dashboard, String name, String period) {
    return dashboard
        .topicDetail()
        .detail(name, Period.parse(period))
        .orElseThrow(() -> new ApiException.NotFound("no topic named '" + name + "'"));
  }

  /** Sessions, exchanges and quality by local hour and weekday, from the hourly rollups. */
  void rhythm(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    answer(
        ctx,
        dashboard,
        RHYTHM,
        Map.of("period", period),
        () -> dashboard.rhythm().rhythm(Period.parse(period)));
  }

  /** Quality dimensions (radar) and feedback by kind (bars), against the previous period. */
  void quality(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    answer(
        ctx,
        dashboard,
        QUALITY,
        Map.of("period", period),
        () -> dashboard.quality().quality(Period.parse(period)));
  }

  /** Topics first studied and mastered per week. */
  void velocity(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    String period = Params.oneOf(ctx, "period", Period.IDS, Period.DEFAULT);
    answer(
        ctx,
        dashboard,
        VELOCITY,
        Map.of("period", period),
        () -> dashboard.velocity().velocity(Period.parse(period)));
  }

  /** The last 365 days in review. */
  void year(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    answer(ctx, dashboard, YEAR, Map.of(), () -> dashboard.year().year());
  }

  /** A calendar month's report: {@code month=YYYY-MM}, by default the last complete month. */
  void month(Context ctx) {
    Dashboard dashboard = scope.of(ctx).dashboard();
    YearMonth current = dashboard.month().current();
    YearMonth month = Params.month(ctx, "month", current, current.minusMonths(1));
    answer(
        ctx,
        dashboard,
        MONTH,
        Map.of("month", month.toString()),
        () -> dashboard.month().month(month));
  }

  /** Fills the cache with each endpoint's default answer, so the first page load is a hit. */
  void warmUp(Workspace ws) {
    Dashboard dashboard = ws.dashboard();
    Map<String, String> who = Map.of(LearnerScope.PARAM, ws.learner());
    cached(
        dashboard,
        who,
        OVERVIEW,
        Map.of("period", "30d"),
        () -> dashboard.overview().overview(Period.parse("30d")));
    cached(
        dashboard,
        who,
        PROGRESS,
        Map.of("period", "30d", "metrics", "sessions,quality", "granularity", "daily"),
        () ->
            dashboard
                .progress()
                .progress(
                    Period.parse("30d"), List.of(Metric.SESSIONS, Metric.QUALITY), Level.DAILY));
    cached(
        dashboard,
        who,
        TRENDS,
        Map.of("period", "30d", "metric", "quality", "window", "7"),
        () -> dashboard.trends().trends(Period.parse("30d"), Metric.QUALITY, 7));
    cached(
        dashboard,
        who,
        TOPICS,
        Map.of("period", "30d", "limit", "20"),
        () -> dashboard.topics().topics(Period.parse("30d"), 20));
  }

  /** Wraps a handler to record its request count and latency under {@code endpoint}. */
  Handler instrumented(String endpoint, Handler handler) {
    return ctx -> {
      long t0 = System.nanoTime();
      String status = "500";
      try {
        handler.handle(ctx);
        status = Integer.toString(ctx.statusCode());
      } catch (ApiException e) {
        status = Integer.toString(e.status());
        throw e;
      } catch (ExportRoutes.ClientGone e) {
        status = ApiMetrics.ABORTED; // a 200 went out, then the client left mid-body
        throw e;
      } finally {
        metrics.request(endpoint, status, System.nanoTime() - t0);
      }
    };
  }

  /**
   * Answers from the cache. The learning date is part of the key, so an answer computed before the
   * learner's midnight is never served for the new day.
   */
  private void answer(
      Context ctx,
      Dashboard dashboard,
      String endpoint,
      Map<String, String> params,
      Supplier<?> compute) {
    Map<String, String> who = Map.of(LearnerScope.PARAM, LearnerScope.learnerOf(ctx));
    ctx.contentType("application/json").result(cached(dashboard, who, endpoint, params, compute));
  }

  private byte[] cached(
      Dashboard dashboard,
      Map<String, String> who,
      String endpoint,
      Map<String, String> params,
      Supplier<?> compute) {
    Map<String, String> key = new HashMap<>(params);
    key.putAll(who);
    key.put("day", dashboard.today().toString());
    // every cached endpoint has a policy in POLICIES
    return cache.get(endpoint, key, Objects.requireNonNull(POLICIES.get(endpoint)), compute);
  }

  private static Policy policy(int ttlSeconds, int swrSeconds) {
    return new Policy(Duration.ofSeconds(ttlSeconds), Duration.ofSeconds(swrSeconds));
  }
}
