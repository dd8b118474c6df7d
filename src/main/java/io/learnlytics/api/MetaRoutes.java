package io.learnlytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.learnlytics.config.Version;
import io.learnlytics.dashboard.Metric;
import io.learnlytics.dashboard.TopicService;
import io.learnlytics.export.ExportRequest;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.insight.InsightService;
import io.learnlytics.rollup.Period;
import io.learnlytics.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/meta}: the values the other routes accept — periods, metrics with their labels,
 * colours and units, trend windows, topic thresholds, goal choices, insight kinds, export formats —
 * read from the very constants that validate them, so the web page never keeps a copy that could
 * drift. The answer only changes with the server's version: it is built once and served with an
 * ETag, and a client that revalidates gets a bodyless 304.
 */
final class MetaRoutes {
  static final String META = "/api/meta";

  private final byte[] body;
  private final String etag;

  MetaRoutes() {
    this.body = json(contract());
    this.etag = "\"" + sha256(body).substring(0, 32) + "\"";
  }

  void get(Context ctx) {
    // no-cache means "revalidate every time": an upgraded server is seen at the next page load
    ctx.header("Cache-Control", "private, no-cache");
    ctx.header("ETag", etag);
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType("application/json").result(body);
  }

  private static Contract contract() {
    return new Contract(
        Version.get(),
        periods(),
        Period.IDS,
        Period.DEFAULT,
        Arrays.stream(Metric.values()).map(Metric::describe).toList(),
        Metric.PROGRESS_IDS,
        Metric.TREND_IDS,
        AnalyticsRoutes.TREND_WINDOWS.stream().map(Integer::valueOf).toList(),
        AnalyticsRoutes.GRANULARITIES,
        new Topics(TopicService.TRENDING_DAYS, KnowledgeGraph.KNOWN_MENTIONS),
        GoalService.choices(),
        new Insights(InsightService.TYPES, InsightService.IMPORTANCES),
        new Exports(formats(), ExportRequest.PERIODS, ExportRequest.SECTIONS));
  }

  /** Every period any route takes; {@code days} is null for the one without a bound ("all"). */
  private static List<PeriodChoice> periods() {
    return Period.IDS_WITH_ALL.stream()
        .map(id -> new PeriodChoice(id, Period.parse(id).isAll() ? null : Period.parse(id).days()))
        .toList();
  }

  private static List<FormatChoice> formats() {
    return ExportRequest.FORMATS.stream()
        .map(f -> new FormatChoice(f, ExportRequest.extension(f)))
        .toList();
  }

  /**
   * The answer. {@code dashboardPeriods}: what overview, progress and trends take (topics and
   * exports also take the unbounded period).
   */
  record Contract(
      String version,
      List<PeriodChoice> periods,
      List<String> dashboardPeriods,
      String defaultPeriod,
      List<Metric.Description> metrics,
      List<String> progressMetrics,
      List<String> trendMetrics,
      List<Integer> trendWindows,
      List<String> granularities,
      Topics topics,
      GoalService.Choices goals,
      Insights insights,
      Exports exports) {}

  record PeriodChoice(String id, @Nullable Integer days) {}

  /**
   * {@code trendingDays}: trending compares the last N days with the N before; {@code
   * knownMentions}: mentions from which a concept counts as known.
   */
  record Topics(int trendingDays, int knownMentions) {}

  record Insights(List<String> types, List<String> importances) {}

  record Exports(List<FormatChoice> formats, List<String> periods, List<String> sections) {}

  record FormatChoice(String id, String extension) {}

  private static byte[] json(Contract contract) {
    try {
      return Json.MAPPER.writeValueAsString(contract).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the API contract is plain records and lists", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
