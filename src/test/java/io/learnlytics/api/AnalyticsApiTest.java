package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.config.Config;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard API over real HTTP on small fixed histories whose numbers are worked out by hand in
 * the comments next to each fixture.
 */
class AnalyticsApiTest {
  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---------------------------------------------------------------- overview

  /**
   * Europe/Berlin (+01:00), now Wed 2025-11-19 14:00. Period 7d = Nov 13..19; previous = Nov 6..12
   * cut at Nov 12 14:00.
   *
   * <pre>
   * current  s1 Nov 13 11:00 e1[recursion] q.1                       1 session, 1 exchange
   *          s2 Nov 16 10:00 e2[recursion,stacks] q.8, 10:05 e3[stacks] q.6, thumbs_up
   *          s3 Nov 17 20:00 e4[graphs] q.9
   *          s4 Nov 18 09:00 e5[graphs] q.5, 09:10 e6[recursion] q.7, rating 5
   *          → 4 sessions, 6 exchanges, quality 3.6/6 = 0.6 (a mean of daily means would be
   *            0.575), engagement 6/4 = 1.5, topics {recursion, stacks, graphs} = 3,
   *            duration 60k + 360k + 60k + 660k ms = 19 min, 2 feedback,
   *            streak Nov 16-18 = 3 with today (Nov 19) still pending
   * previous p1 Nov 8 10:00 x1[recursion] q.5
   *          p2 Nov 12 13:40 x2 q.3, 13:45 x2b, 13:50 x2c      (before the 14:00 cutoff: counts)
   *          p3 Nov 12 14:20 x3[algebra] q.1                   (after the cutoff: must not count)
   *          p0 Nov 5 10:00 x0                                 (before the previous period)
   *          → 2 sessions, 4 exchanges, quality 0.4, engagement 4/2 = 2.0
   * </pre>
   */
  private void loadBerlinWeek() {
    start("Europe/Berlin", "2025-11-19T13:00:00Z");
    load(
        exchange("e1", "s1", "2025-11-13T11:00:00+01:00", "recursion"),
        quality("q1", "e1", "0.1"),
        exchange("e2", "s2", "2025-11-16T10:00:00+01:00", "recursion", "stacks"),
        exchange("e3", "s2", "2025-11-16T10:05:00+01:00", "stacks"),
        quality("q2", "e2", "0.8"),
        quality("q3", "e3", "0.6"),
        feedback("f1", "e2", "2025-11-16T10:06:00+01:00", "thumbs_up", null),
        exchange("e4", "s3", "2025-11-17T20:00:00+01:00", "graphs"),
        quality("q4", "e4", "0.9"),
        exchange("e5", "s4", "2025-11-18T09:00:00+01:00", "graphs"),
        exchange("e6", "s4", "2025-11-18T09:10:00+01:00", "recursion"),
        quality("q5", "e5", "0.5"),
        quality("q6", "e6", "0.7"),
        feedback("f2", "e5", "2025-11-18T09:20:00+01:00", "rating", 5),
        exchange("x0", "p0", "2025-11-05T10:00:00+01:00"),
        exchange("x1", "p1", "2025-11-08T10:00:00+01:00", "recursion"),
        quality("qx1", "x1", "0.5"),
        exchange("x2", "p2", "2025-11-12T13:40:00+01:00", "recursion"),
        exchange("x2b", "p2", "2025-11-12T13:45:00+01:00"),
        exchange("x2c", "p2", "2025-11-12T13:50:00+01:00"),
        quality("qx2", "x2", "0.3"),
        exchange("x3", "p3", "2025-11-12T14:20:00+01:00", "algebra"),
        quality("qx3", "x3", "0.1"));
  }

  @Test
  void overview_summarises_the_period_with_score_weighted_quality_and_a_pending_streak() {
    loadBerlinWeek();

    JsonNode summary = get("/api/analytics/overview?period=7d").get("summary");

    assertThat(summary.get("total_sessions").asLong()).isEqualTo(4);
    assertThat(summary.get("total_exchanges").asLong()).isEqualTo(6);
    assertThat(summary.get("avg_quality").asDouble()).isEqualTo(0.6);
    assertThat(summary.get("unique_topics").asInt()).isEqualTo(3);
    assertThat(summary.get("streak_days").asInt()).isEqualTo(3);
    assertThat(summary.get("total_duration_minutes").asDouble()).isEqualTo(19.0);
    assertThat(summary.get("total_feedback").asLong()).isEqualTo(2);
  }

  @Test
  void overview_trends_compare_with_the_previous_period_cut_at_the_same_elapsed_time() {
    loadBerlinWeek();

    JsonNode trends = get("/api/analytics/overview?period=7d").get("trends");

    assertChange(trends.get("sessions"), 4.0, 100.0, "up"); // 4 vs 2
    assertChange(trends.get("quality"), 0.6, 50.0, "up"); // 0.6 vs 0.4
    assertChange(trends.get("engagement"), 1.5, -25.0, "down"); // 1.5 vs 2.0
    assertChange(trends.get("exchanges"), 6.0, 50.0, "up"); // 6 vs 4
  }

  @Test
  void overview_meta_names_period_zone_and_both_compared_ranges_beside_insight_and_goal_lists() {
    loadBerlinWeek();

    JsonNode body = get("/api/analytics/overview?period=7d");

    JsonNode meta = body.get("meta");
    assertThat(meta.get("period").asText()).isEqualTo("7d");
    assertThat(meta.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(meta.get("generated_at").asText()).isEqualTo("2025-11-19T13:00:00Z");
    JsonNode comparison = meta.get("comparison");
    assertThat(comparison.at("/current/from").asText()).isEqualTo("2025-11-12T23:00:00Z");
    assertThat(comparison.at("/current/to").asText()).isEqualTo("2025-11-19T13:00:00Z");
    assertThat(comparison.at("/previous/from").asText()).isEqualTo("2025-11-05T23:00:00Z");
    assertThat(comparison.at("/previous/to").asText()).isEqualTo("2025-11-12T13:00:00Z");
    assertThat(comparison.get("basis").asText()).startsWith("equal elapsed time");
    assertThat(body.get("recent_insights").isArray()).isTrue();
    assertThat(body.get("active_goals").isArray()).isTrue();
  }

  /**
   * UTC, now 2025-11-30 12:00; 90d = Sep 2..Nov 30, previous = Jun 4..Sep 1 cut at Sep 1 12:00. One
   * session on Sep 1 09:00 (previous) and one on Nov 20 (current): 1 vs 1 = change 0.0. The daily
   * job applies the default retention, which must keep the hourly rows of Sep 1 that the previous
   * period's partial last day is read from (regression: a 90-day default deleted them).
   */
  @Test
  void overview_90d_comparison_survives_the_default_retention_of_hourly_rollups() {
    start("UTC", "2025-11-30T12:00:00Z");
    load(
        exchange("old", "s-old", "2025-09-01T09:00:00Z"),
        exchange("new", "s-new", "2025-11-20T09:00:00Z"));
    Config.Retention defaults = Config.Retention.DEFAULT; // what RollupJob.DAILY applies
    server.app().rollups().applyRetention(defaults.hourlyDays(), defaults.dailyDays());

    JsonNode sessions = get("/api/analytics/overview?period=90d").at("/trends/sessions");

    assertChange(sessions, 1.0, 0.0, "flat");
  }

  /**
   * UTC, now 2025-11-19 14:30. The previous period's partial last day is read from whole hourly
   * rollups, so it ends at the end of the cutoff's hour, Nov 12 15:00 — and reports exactly that
   * (regression: it reported 14:30 while counting the whole hour). A session at 14:45 counts, one
   * at 15:10 does not.
   */
  @Test
  void overview_previous_period_counts_exactly_up_to_its_reported_end() {
    start("UTC", "2025-11-19T14:30:00Z");
    load(
        exchange("in", "s-in", "2025-11-12T14:45:00Z"),
        exchange("out", "s-out", "2025-11-12T15:10:00Z"),
        exchange("now", "s-now", "2025-11-18T14:45:00Z"));

    JsonNode body = get("/api/analytics/overview?period=7d");

    Instant reportedEnd = Instant.parse(body.at("/meta/comparison/previous/to").asText());
    assertThat(reportedEnd).isEqualTo("2025-11-12T15:00:00Z");
    assertChange(body.at("/trends/sessions"), 1.0, 0.0, "flat");
  }

  // ---------------------------------------------------------------- progress

  /**
   * America/New_York, now Wed 2025-11-05 12:00 EST. 7d = Oct 30..Nov 5; Nov 2 is the 25-hour
   * fall-back day.
   *
   * <pre>
   * Oct 28 10:00 EDT  a0 q.2   (before the period; only in weekly/monthly buckets)
   * Oct 31 10:00 EDT  a1 q.5
   * Nov 2  01:30 EDT  a2 q.6   (05:30Z)
   * Nov 2  01:30 EST  a3 q1.0  (06:30Z, the repeated hour)
   * Nov 2  23:30 EST  a4       (04:30Z on Nov 3: still Nov 2, the 25th hour of the day)
   * Nov 4  09:00 EST  a5
   * Nov 5  09:00 EST  a6 q.9
   * daily sessions [0,1,0,3,0,1,1] total 6, avg 6/7 = 0.8571, max 3, min 0
   * daily quality  [-,.5,-,.8,-,-,.9], avg by score (.5+.6+1+.9)/4 = 0.75, max .9, min .5
   * </pre>
   */
  private void loadNewYorkDstWeek() {
    start("America/New_York", "2025-11-05T17:00:00Z");
    load(
        exchange("a0", "w0", "2025-10-28T10:00:00-04:00"),
        quality("qa0", "a0", "0.2"),
        exchange("a1", "d1", "2025-10-31T10:00:00-04:00"),
        quality("qa1", "a1", "0.5"),
        exchange("a2", "d2a", "2025-11-02T01:30:00-04:00"),
        quality("qa2", "a2", "0.6"),
        exchange("a3", "d2b", "2025-11-02T01:30:00-05:00"),
        quality("qa3", "a3", "1.0"),
        exchange("a4", "d2c", "2025-11-02T23:30:00-05:00"),
        exchange("a5", "d4", "2025-11-04T09:00:00-05:00"),
        exchange("a6", "d5", "2025-11-05T09:00:00-05:00"),
        quality("qa6", "a6", "0.9"));
  }

  @Test
  void progress_7d_has_one_zero_filled_point_per_local_day_across_the_dst_change() {
    loadNewYorkDstWeek();

    JsonNode body = get("/api/analytics/progress?period=7d");

    JsonNode chart = body.get("chart");
    assertThat(texts(chart.get("labels")))
        .containsExactly("Oct 30", "Oct 31", "Nov 1", "Nov 2", "Nov 3", "Nov 4", "Nov 5");
    assertThat(texts(body.get("dates")))
        .containsExactly(
            "2025-10-30",
            "2025-10-31",
            "2025-11-01",
            "2025-11-02",
            "2025-11-03",
            "2025-11-04",
            "2025-11-05");
    JsonNode sessions = chart.at("/datasets/0");
    assertThat(sessions.get("label").asText()).isEqualTo("Sessions");
    assertThat(sessions.get("yAxisID").asText()).isEqualTo("y-sessions");
    assertThat(numbers(sessions.get("data"))).containsExactly(0.0, 1.0, 0.0, 3.0, 0.0, 1.0, 1.0);
    JsonNode quality = chart.at("/datasets/1");
    assertThat(quality.get("label").asText()).isEqualTo("Answer quality");
    assertThat(quality.get("yAxisID").asText()).isEqualTo("y-quality");
    assertThat(numbers(quality.get("data"))).containsExactly(null, 0.5, null, 0.8, null, null, 0.9);
    assertThat(body.at("/meta/granularity").asText()).isEqualTo("daily");
    assertThat(body.at("/meta/timezone").asText()).isEqualTo("America/New_York");
  }

  @Test
  void progress_statistics_give_total_mean_max_min_and_score_weighted_quality() {
    loadNewYorkDstWeek();

    JsonNode stats = get("/api/analytics/progress?period=7d").get("statistics");

    JsonNode sessions = stats.get("sessions");
    assertThat(sessions.get("total").asDouble()).isEqualTo(6.0);
    assertThat(sessions.get("avg").asDouble()).isEqualTo(0.8571);
    assertThat(sessions.get("max").asDouble()).isEqualTo(3.0);
    assertThat(number(sessions.get("min"))).isEqualTo(0.0);
    assertThat(sessions.get("trend").asText()).isEqualTo("up");
    JsonNode quality = stats.get("quality");
    assertThat(quality.get("total").isNull()).isTrue();
    assertThat(quality.get("avg").asDouble()).isEqualTo(0.75);
    assertThat(quality.get("max").asDouble()).isEqualTo(0.9);
    assertThat(quality.get("min").asDouble()).isEqualTo(0.5);
    assertThat(quality.get("trend").asText()).isEqualTo("up");
  }

  @Test
  void progress_weekly_and_monthly_buckets_are_the_weeks_and_months_of_the_period_cut_to_it() {
    loadNewYorkDstWeek();

    JsonNode weekly = get("/api/analytics/progress?period=7d&granularity=weekly");
    JsonNode monthly = get("/api/analytics/progress?period=7d&granularity=monthly");

    // The period is Oct 30..Nov 5. Weeks from Monday: Oct 27..Nov 2 holds a0 (Oct 28, before the
    // period: left out), a1, a2, a3, a4; Nov 3..9 holds a5, a6. So the bars add up to the period.
    assertThat(texts(weekly.at("/chart/labels"))).containsExactly("Oct 30", "Nov 3");
    assertThat(texts(weekly.get("dates"))).containsExactly("2025-10-30", "2025-11-03");
    assertThat(numbers(weekly.at("/chart/datasets/0/data"))).containsExactly(4.0, 2.0);
    assertThat(numbers(weekly.at("/chart/datasets/1/data"))).containsExactly(0.7, 0.9);
    assertThat(weekly.at("/meta/granularity").asText()).isEqualTo("weekly");
    assertThat(texts(monthly.at("/chart/labels"))).containsExactly("Oct 2025", "Nov 2025");
    assertThat(texts(monthly.get("dates"))).containsExactly("2025-10-30", "2025-11-01");
    assertThat(numbers(monthly.at("/chart/datasets/0/data"))).containsExactly(1.0, 5.0);
    assertThat(monthly.at("/meta/granularity").asText()).isEqualTo("monthly");
    assertThat(weekly.at("/statistics/sessions/total").asDouble())
        .isEqualTo(
            get("/api/analytics/overview?period=7d").at("/summary/total_sessions").asDouble());
  }

  @Test
  void progress_granularity_is_daily_up_to_30d_and_weekly_beyond() {
    loadNewYorkDstWeek();

    JsonNode d30 = get("/api/analytics/progress?period=30d");
    JsonNode d90 = get("/api/analytics/progress?period=90d");
    JsonNode d365 = get("/api/analytics/progress?period=365d");

    assertThat(d30.at("/meta/granularity").asText()).isEqualTo("daily");
    assertThat(texts(d30.at("/chart/labels"))).hasSize(30).startsWith("Oct 7").endsWith("Nov 5");
    // 90d starts Fri Aug 8: its first week is cut to Aug 8..10, then weeks to Nov 3: 14 bars.
    assertThat(d90.at("/meta/granularity").asText()).isEqualTo("weekly");
    assertThat(texts(d90.at("/chart/labels"))).hasSize(14).startsWith("Aug 8").endsWith("Nov 3");
    // 365d starts Wed 2024-11-06: its first week is cut to start there; 53 bars to Mon 2025-11-03.
    assertThat(d365.at("/meta/granularity").asText()).isEqualTo("weekly");
    assertThat(texts(d365.get("dates")))
        .hasSize(53)
        .startsWith("2024-11-06")
        .endsWith("2025-11-03");
    assertThat(numbers(d365.at("/chart/datasets/0/data")).stream().mapToDouble(v -> v).sum())
        .isEqualTo(7.0);
  }

  @Test
  void progress_draws_only_the_requested_metrics() {
    loadNewYorkDstWeek();

    JsonNode chart = get("/api/analytics/progress?period=7d&metrics=exchanges").get("chart");

    assertThat(chart.get("datasets")).hasSize(1);
    assertThat(chart.at("/datasets/0/label").asText()).isEqualTo("Exchanges");
    assertThat(chart.at("/datasets/0/yAxisID").asText()).isEqualTo("y-exchanges");
    assertThat(numbers(chart.at("/datasets/0/data")))
        .containsExactly(0.0, 1.0, 0.0, 3.0, 0.0, 1.0, 1.0);
  }

  // ---------------------------------------------------------------- trends

  /**
   * UTC, now 2025-11-30 12:00, 30d = Nov 1..30 (index 0..29). Day i has one scored exchange of
   * quality 0.50 + 0.01 i, except Nov 3 and Nov 4 (i = 2, 3) which have none: the points lie on one
   * line, so R² = 1, slope 0.01 a day, and the line at i = 59 is 1.09, clamped to 1.
   */
  private void loadRisingQuality() {
    start("UTC", "2025-11-30T12:00:00Z");
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i == 2 || i == 3) {
        continue;
      }
      String ts = "2025-11-%02dT10:00:00Z".formatted(i + 1);
      events.add(exchange("t" + i, "ts" + i, ts));
      BigDecimal q = new BigDecimal("0.50").add(BigDecimal.valueOf(i, 2)); // 0.50 + i / 100
      events.add(quality("qt" + i, "t" + i, q.toPlainString()));
    }
    load(events.toArray(JsonNode[]::new));
  }

  @Test
  void trends_rolling_mean_averages_the_available_values_of_the_last_7_days() {
    loadRisingQuality();

    JsonNode body = get("/api/analytics/trends?period=30d&metric=quality&window=7");

    JsonNode datasets = body.at("/chart/datasets");
    assertThat(datasets.at("/0/label").asText()).isEqualTo("Daily");
    assertThat(datasets.at("/1/label").asText()).isEqualTo("7-day Avg");
    List<Double> daily = numbers(datasets.at("/0/data"));
    List<Double> rolling = numbers(datasets.at("/1/data"));
    assertThat(daily).hasSize(30);
    assertThat(daily.subList(0, 5)).containsExactly(0.5, 0.51, null, null, 0.54);
    assertThat(daily.get(29)).isEqualTo(0.79);
    assertThat(rolling.get(0)).isEqualTo(0.5); // the first point is the first value
    assertThat(rolling.get(3)).isEqualTo(0.505); // (0.50 + 0.51) / 2
    assertThat(rolling.get(6)).isEqualTo(0.532); // (0.50+0.51+0.54+0.55+0.56) / 5
    assertThat(rolling.get(29)).isEqualTo(0.76); // mean of 0.73..0.79
    assertThat(texts(body.at("/chart/labels"))).startsWith("Nov 1").endsWith("Nov 30");
    assertThat(texts(body.get("dates"))).startsWith("2025-11-01").endsWith("2025-11-30");
    assertThat(body.get("metric").asText()).isEqualTo("quality");
    assertThat(body.get("window").asInt()).isEqualTo(7);
  }

  @Test
  void trends_rising_quality_is_improving_with_full_confidence_and_a_clamped_prediction() {
    loadRisingQuality();

    JsonNode trend = get("/api/analytics/trends?period=30d&metric=quality").get("trend");

    assertThat(trend.get("direction").asText()).isEqualTo("improving");
    assertThat(trend.get("slope").asDouble()).isEqualTo(0.01);
    assertThat(trend.get("confidence").asDouble()).isEqualTo(1.0);
    assertThat(trend.get("points").asLong()).isEqualTo(28);
    assertThat(prediction(trend)).isEqualTo(1.0); // the line says 1.09
  }

  @Test
  void trends_names_the_prediction_prediction_30d_as_the_spec_does() {
    loadRisingQuality();

    JsonNode trend = get("/api/analytics/trends?period=30d&metric=quality").get("trend");

    assertThat(trend.has("prediction_30d")).as(trend.toString()).isTrue();
  }

  @Test
  void trends_of_a_flat_series_are_stable() {
    start("UTC", "2025-11-30T12:00:00Z");
    List<JsonNode> events = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      events.add(exchange("f" + i, "fs" + i, "2025-11-%02dT10:00:00Z".formatted(i)));
      events.add(quality("qf" + i, "f" + i, "0.7"));
    }
    load(events.toArray(JsonNode[]::new));

    JsonNode quality = get("/api/analytics/trends?metric=quality").get("trend");
    JsonNode sessions = get("/api/analytics/trends?metric=sessions&window=14");

    assertThat(quality.get("direction").asText()).isEqualTo("stable");
    assertThat(number(quality.get("slope"))).isEqualTo(0.0);
    assertThat(prediction(quality)).isEqualTo(0.7);
    assertThat(sessions.at("/trend/direction").asText()).isEqualTo("stable");
    assertThat(prediction(sessions.get("trend"))).isEqualTo(1.0);
    assertThat(sessions.at("/chart/datasets/1/label").asText()).isEqualTo("14-day Avg");
    assertThat(numbers(sessions.at("/chart/datasets/1/data"))).hasSize(30).containsOnly(1.0);
  }

  // ---------------------------------------------------------------- topics

  /**
   * UTC, now 2025-11-30 12:00; 30d = Nov 1..30, its previous 30 days Oct 2..Oct 31.
   *
   * <pre>
   * o1 Oct 10  ox1[recursion,graphs] ox2[recursion]
   * s1 Nov 10  x1[recursion,graphs] q.8, x2[recursion] q.6
   * s2 Nov 20  x3[recursion] q.4, x4[dynamic programming]
   * s3 Nov 25  x5[graphs] q.9, x6[dynamic programming,recursion] q.5, x7[graphs,stacks]
   * mentions: recursion 4, graphs 3, dynamic programming 2, stacks 1
   * sessions: recursion 3, graphs 2, dynamic programming 2, stacks 1
   * quality:  recursion (.8+.6+.4+.5)/4 = .575, graphs (.8+.9)/2 = .85, dp .5, stacks none
   * relations: recursion→dynamic programming .9, stacks→recursion .7, graphs→recursion .4,
   *            trees→graphs (no strength): 5 concepts, 4 relations
   * </pre>
   */
  private void loadTopics() {
    start("UTC", "2025-11-30T12:00:00Z");
    load(
        exchange("ox1", "o1", "2025-10-10T10:00:00Z", "recursion", "graphs"),
        exchange("ox2", "o1", "2025-10-10T10:05:00Z", "recursion"),
        exchange("x1", "s1", "2025-11-10T10:00:00Z", "recursion", "graphs"),
        exchange("x2", "s1", "2025-11-10T10:05:00Z", "recursion"),
        quality("q1", "x1", "0.8"),
        quality("q2", "x2", "0.6"),
        exchange("x3", "s2", "2025-11-20T10:00:00Z", "recursion"),
        exchange("x4", "s2", "2025-11-20T10:05:00Z", "dynamic programming"),
        quality("q3", "x3", "0.4"),
        exchange("x5", "s3", "2025-11-25T10:00:00Z", "graphs"),
        exchange("x6", "s3", "2025-11-25T10:05:00Z", "dynamic programming", "recursion"),
        exchange("x7", "s3", "2025-11-25T10:10:00Z", "graphs", "stacks"),
        quality("q5", "x5", "0.9"),
        quality("q6", "x6", "0.5"),
        relation("r1", "recursion", "dynamic programming", "BUILDS_ON", 0.9),
        relation("r2", "graphs", "recursion", "RELATES_TO", 0.4),
        relation("r3", "stacks", "recursion", "RELATES_TO", 0.7),
        relation("r4", "trees", "graphs", "RELATES_TO", null));
  }

  @Test
  void topics_distribution_is_sorted_by_mentions_with_one_colour_per_slice() {
    loadTopics();

    JsonNode chart = get("/api/analytics/topics?period=30d").at("/distribution/chart");

    assertThat(texts(chart.get("labels")))
        .containsExactly("recursion", "graphs", "dynamic programming", "stacks");
    assertThat(numbers(chart.at("/datasets/0/data"))).containsExactly(4.0, 3.0, 2.0, 1.0);
    assertThat(texts(chart.at("/datasets/0/backgroundColor")))
        .containsExactly("#4F46E5", "#10B981", "#F59E0B", "#EC4899");
  }

  @Test
  void top_topics_count_sessions_mentioning_them_and_the_quality_of_their_exchanges() {
    loadTopics();

    JsonNode top = get("/api/analytics/topics").get("top_topics");

    assertThat(top).hasSize(4);
    assertTopTopic(top.get(0), "recursion", 3, 4, 0.575);
    assertTopTopic(top.get(1), "graphs", 2, 3, 0.85);
    assertTopTopic(top.get(2), "dynamic programming", 2, 2, 0.5);
    assertTopTopic(top.get(3), "stacks", 1, 1, null);
  }

  @Test
  void topics_limit_cuts_the_chart_and_the_top_list() {
    loadTopics();

    JsonNode body = get("/api/analytics/topics?limit=2");

    assertThat(texts(body.at("/distribution/chart/labels"))).containsExactly("recursion", "graphs");
    assertThat(body.get("top_topics")).hasSize(2);
  }

  @Test
  void trending_lists_new_topics_first_with_null_growth_then_by_growth() {
    loadTopics();

    JsonNode trending = get("/api/analytics/topics").get("trending");

    assertThat(trending).hasSize(4);
    assertTrending(trending.get(0), "dynamic programming", true, null, 2, 0, "2025-11-20");
    assertTrending(trending.get(1), "stacks", true, null, 1, 0, "2025-11-25");
    assertTrending(trending.get(2), "graphs", false, 200.0, 3, 1, "2025-10-10");
    assertTrending(trending.get(3), "recursion", false, 100.0, 4, 2, "2025-10-10");
  }

  @Test
  void knowledge_graph_counts_concepts_and_relations_and_ranks_the_strongest() {
    loadTopics();

    JsonNode graph = get("/api/analytics/topics").get("knowledge_graph");

    assertThat(graph.get("total_concepts").asLong()).isEqualTo(5);
    assertThat(graph.get("total_relationships").asLong()).isEqualTo(4);
    JsonNode strongest = graph.get("strongest_connections");
    assertThat(strongest).hasSize(3);
    assertConnection(strongest.get(0), "recursion", "dynamic programming", "BUILDS_ON", 0.9);
    assertConnection(strongest.get(1), "stacks", "recursion", "RELATES_TO", 0.7);
    assertConnection(strongest.get(2), "graphs", "recursion", "RELATES_TO", 0.4);
  }

  @Test
  void topics_period_all_includes_history_before_the_last_30_days() {
    loadTopics();

    JsonNode body = get("/api/analytics/topics?period=all");

    assertThat(numbers(body.at("/distribution/chart/datasets/0/data")))
        .containsExactly(6.0, 4.0, 2.0, 1.0);
    assertTopTopic(body.at("/top_topics/0"), "recursion", 4, 6, 0.575);
    assertTopTopic(body.at("/top_topics/1"), "graphs", 3, 4, 0.85);
    assertThat(body.at("/meta/period").asText()).isEqualTo("all");
  }

  // ---------------------------------------------------------------- bad parameters

  static Stream<Arguments> badParameters() {
    String allowed = "' is not allowed; allowed values are ";
    String range = "' must be a whole number from 1 to 100";
    return Stream.of(
        arguments("overview?period=1d", "period", "'1d" + allowed + "7d, 30d, 90d, 365d"),
        arguments(
            "progress?metrics=sessions,bogus",
            "metrics",
            "'bogus"
                + allowed
                + "sessions, quality, exchanges, duration, feedback (comma-separated)"),
        arguments(
            "progress?granularity=hourly",
            "granularity",
            "'hourly" + allowed + "daily, weekly, monthly"),
        arguments(
            "trends?metric=x",
            "metric",
            "'x" + allowed + "quality, sessions, exchanges, engagement, duration"),
        arguments("trends?window=5", "window", "'5" + allowed + "7, 14, 30"),
        arguments("topics?limit=0", "limit", "'0" + range),
        arguments("topics?limit=abc", "limit", "'abc" + range),
        arguments("topics?period=1y", "period", "'1y" + allowed + "7d, 30d, 90d, 365d, all"),
        arguments("anomalies?period=2y", "period", "'2y" + allowed + "7d, 30d, 90d, 365d, all"),
        arguments(
            "anomalies?metric=feedback",
            "metric",
            "'feedback" + allowed + "sessions, exchanges, quality, duration"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void a_bad_parameter_is_a_400_naming_the_field_and_what_is_allowed(
      String path, String field, String message) {
    start("UTC", "2025-11-30T12:00:00Z");

    Response r = server.get("/api/analytics/" + path);

    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_input");
    assertThat(error.get("details")).hasSize(1);
    assertThat(error.at("/details/0/field").asText()).isEqualTo(field);
    assertThat(error.at("/details/0/message").asText()).isEqualTo(message);
  }

  // ---------------------------------------------------------------- response cache over HTTP

  @Test
  void a_repeated_request_is_served_from_the_cache_and_other_parameters_miss() {
    loadBerlinWeek();

    JsonNode first = get("/api/analytics/overview?period=7d");
    JsonNode second = get("/api/analytics/overview?period=7d");
    JsonNode other = get("/api/analytics/overview?period=30d");
    JsonNode otherMetrics = get("/api/analytics/progress?period=7d&metrics=sessions");
    JsonNode otherMetricsAgain = get("/api/analytics/progress?period=7d&metrics=quality");

    assertThat(first.at("/meta/cached").asBoolean()).isFalse();
    assertThat(second.at("/meta/cached").asBoolean()).isTrue();
    assertThat(second.get("summary")).isEqualTo(first.get("summary"));
    assertThat(other.at("/meta/cached").asBoolean()).isFalse();
    assertThat(otherMetrics.at("/meta/cached").asBoolean()).isFalse();
    assertThat(otherMetricsAgain.at("/meta/cached").asBoolean()).isFalse();
  }

  @Test
  void ingesting_over_http_invalidates_the_cache_and_a_refresh_shows_the_new_numbers() {
    loadBerlinWeek();
    get("/api/analytics/overview?period=7d");
    assertThat(get("/api/analytics/overview?period=7d").at("/meta/cached").asBoolean()).isTrue();

    // A first session today (Nov 19) on a new topic: sessions 5, streak 4, topics 4.
    Response posted =
        server.postJson(
            "/api/events", exchange("e7", "s5", "2025-11-19T09:00:00+01:00", "trees").toString());
    assertThat(posted.status()).isEqualTo(200);
    JsonNode afterIngest = get("/api/analytics/overview?period=7d");
    server.app().rollups().refreshDirty();
    JsonNode afterRefresh = get("/api/analytics/overview?period=7d");

    assertThat(afterIngest.at("/meta/cached").asBoolean()).isFalse();
    assertThat(afterRefresh.at("/meta/cached").asBoolean()).isFalse();
    JsonNode summary = afterRefresh.get("summary");
    assertThat(summary.get("total_sessions").asLong()).isEqualTo(5);
    assertThat(summary.get("total_exchanges").asLong()).isEqualTo(7);
    assertThat(summary.get("streak_days").asInt()).isEqualTo(4);
    assertThat(summary.get("unique_topics").asInt()).isEqualTo(4);
    assertThat(get("/api/analytics/overview?period=7d").at("/meta/cached").asBoolean()).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  private void start(String zone, String now) {
    ZoneId z = ZoneId.of(zone);
    server = TestServer.at(dir, z, Clock.fixed(Instant.parse(now), z));
  }

  private void load(JsonNode... events) {
    server.app().ingest().ingest(List.of(events));
    server.app().rollups().refreshDirty();
  }

  private JsonNode get(String path) {
    Response r = server.get(path);
    assertThat(r.status()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return r.json();
  }

  /** The trend's 30-day prediction under the spec's name or the name served today (see BUG). */
  private static double prediction(JsonNode trend) {
    JsonNode p = trend.get("prediction_30d");
    assertThat(p).as(trend.toString()).isNotNull();
    return p.asDouble();
  }

  private static void assertChange(JsonNode c, double value, Double change, String direction) {
    assertThat(number(c.get("value"))).as("value of %s", c).isEqualTo(value);
    assertThat(number(c.get("change"))).as("change of %s", c).isEqualTo(change);
    assertThat(c.get("direction").asText()).as("direction of %s", c).isEqualTo(direction);
  }

  private static void assertTopTopic(
      JsonNode t, String name, long sessions, long mentions, Double quality) {
    assertThat(t.get("name").asText()).isEqualTo(name);
    assertThat(t.get("sessions").asLong()).as("sessions of %s", name).isEqualTo(sessions);
    assertThat(t.get("mentions").asLong()).as("mentions of %s", name).isEqualTo(mentions);
    assertThat(number(t.get("quality"))).as("quality of %s", name).isEqualTo(quality);
  }

  private static void assertTrending(
      JsonNode t,
      String name,
      boolean isNew,
      Double growth,
      long mentions,
      long previous,
      String firstSeen) {
    assertThat(t.get("name").asText()).isEqualTo(name);
    assertThat(t.get("is_new").asBoolean()).as("is_new of %s", name).isEqualTo(isNew);
    assertThat(number(t.get("growth"))).as("growth of %s", name).isEqualTo(growth);
    assertThat(t.get("mentions").asLong()).as("mentions of %s", name).isEqualTo(mentions);
    assertThat(t.get("previous_mentions").asLong()).isEqualTo(previous);
    assertThat(t.get("first_seen").asText()).isEqualTo(firstSeen);
  }

  private static void assertConnection(
      JsonNode c, String source, String target, String type, double strength) {
    assertThat(c.get("source").asText()).isEqualTo(source);
    assertThat(c.get("target").asText()).isEqualTo(target);
    assertThat(c.get("type").asText()).isEqualTo(type);
    assertThat(c.get("strength").asDouble()).isEqualTo(strength);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<Double> numbers(JsonNode array) {
    assertThat(array.isArray()).as("an array: %s", array).isTrue();
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(number(n)));
    return out;
  }

  private static Double number(JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  static ObjectNode exchange(String id, String session, String timestamp, String... topics) {
    ObjectNode n = event("exchange", id);
    n.put("session_id", session).put("timestamp", timestamp).put("duration_ms", 60_000);
    ArrayNode list = n.putArray("topics");
    for (String t : topics) {
      list.add(t);
    }
    return n;
  }

  static ObjectNode quality(String id, String exchangeId, String composite) {
    return event("quality", id)
        .put("exchange_id", exchangeId)
        .put("composite", new BigDecimal(composite));
  }

  static ObjectNode feedback(
      String id, String exchangeId, String timestamp, String type, Integer rating) {
    ObjectNode n =
        event("feedback", id)
            .put("exchange_id", exchangeId)
            .put("timestamp", timestamp)
            .put("type", type);
    return rating == null ? n : n.put("rating", rating);
  }

  static ObjectNode relation(
      String id, String source, String target, String type, Double strength) {
    ObjectNode n =
        event("relation", id).put("source", source).put("target", target).put("type", type);
    return strength == null ? n : n.put("strength", strength);
  }

  private static ObjectNode event(String kind, String id) {
    return Json.MAPPER.createObjectNode().put("kind", kind).put("id", id);
  }
}
