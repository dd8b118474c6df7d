package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 4: a trend starts at the first data. A history that begins 180 days ago gives the
 * 365-day sessions trend 180 points, not 365 with 185 leading zeros, and its slope is the
 * least-squares slope over those 180 days alone. UTC, now Sun Nov 30, 2025 12:00.
 */
class TrendPreHistoryTest {
  static final ZoneId UTC = ZoneId.of("UTC");
  static final LocalDate TODAY = LocalDate.parse("2025-11-30");
  static final int HISTORY_DAYS = 180;

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.at(dir, UTC, new MovableClock("2025-11-30T12:00:00Z", UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void the_365_day_trend_starts_at_the_first_learning_day_with_data() {
    double[] sessions = loadHistory(new Random(20));
    LocalDate first = TODAY.minusDays(HISTORY_DAYS - 1);

    JsonNode body = server.get("/api/analytics/trends?period=365d&metric=sessions").json();

    assertThat(body.at("/chart/labels")).hasSize(HISTORY_DAYS);
    assertThat(body.at("/chart/datasets/0/data")).hasSize(HISTORY_DAYS);
    assertThat(body.get("dates").get(0).asText()).isEqualTo(first.toString());
    assertThat(body.at("/trend/points").asInt()).isEqualTo(HISTORY_DAYS);
    JsonNode meta = body.get("meta");
    assertThat(meta.get("starts_at").asText()).isEqualTo(first.toString());
    assertThat(meta.get("days").asInt()).isEqualTo(HISTORY_DAYS);
    assertThat(meta.get("note").asText()).contains(first.toString()).contains("185 days");
    assertThat(body.at("/trend/slope").asDouble()).isCloseTo(slope(sessions), within(5e-7));
    double[] daily = new double[HISTORY_DAYS];
    for (int i = 0; i < HISTORY_DAYS; i++) {
      daily[i] = body.at("/chart/datasets/0/data").get(i).asDouble();
    }
    assertThat(daily).containsExactly(sessions);
  }

  @Test
  void a_period_inside_the_history_is_whole_and_says_so_without_a_note() {
    loadHistory(new Random(7));

    JsonNode meta = server.get("/api/analytics/trends?period=30d&metric=sessions").json();

    assertThat(meta.at("/chart/labels")).hasSize(30);
    assertThat(meta.at("/meta/starts_at").asText()).isEqualTo(TODAY.minusDays(29).toString());
    assertThat(meta.at("/meta/days").asInt()).isEqualTo(30);
    assertThat(meta.get("meta").has("note")).isFalse();
  }

  @Test
  void without_any_data_the_trend_is_empty_and_says_why() {
    JsonNode body = server.get("/api/analytics/trends?period=90d&metric=sessions").json();

    assertThat(body.at("/chart/labels")).isEmpty();
    assertThat(body.get("dates")).isEmpty();
    assertThat(body.at("/trend/points").asInt()).isZero();
    assertThat(body.at("/trend/direction").asText()).isEqualTo("stable");
    assertThat(body.at("/meta/days").asInt()).isZero();
    assertThat(body.at("/meta/note").asText()).startsWith("No data yet");
    assertThat(body.get("meta").has("starts_at")).isFalse();
  }

  /**
   * 0 to 3 sessions a day (one exchange each) on each of the last 180 days, at least one on the
   * first; returns the count of each day, oldest first.
   */
  private double[] loadHistory(Random random) {
    double[] counts = new double[HISTORY_DAYS];
    StringJoiner events = new StringJoiner(",", "[", "]");
    for (int i = 0; i < HISTORY_DAYS; i++) {
      int n = i == 0 ? 2 : random.nextInt(4) + (i * 2 / HISTORY_DAYS); // a slight rise
      LocalDate day = TODAY.minusDays(HISTORY_DAYS - 1 - i);
      for (int k = 0; k < n; k++) {
        String id = day + "-" + k;
        events.add(
            "{\"kind\":\"exchange\",\"id\":\"x%s\",\"session_id\":\"s%s\",\"timestamp\":\"%sT%02d:00:00Z\"}"
                .formatted(id, id, day, 8 + k));
      }
      counts[i] = n;
    }
    assertThat(server.postJson("/api/events", events.toString()).status()).isEqualTo(200);
    server.app().rollups().refreshDirty();
    return counts;
  }

  /** The least-squares slope of y over x = 0, 1, 2, …, computed directly. */
  private static double slope(double[] y) {
    int n = y.length;
    double meanX = (n - 1) / 2.0;
    double meanY = 0;
    for (double v : y) {
      meanY += v / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - meanX) * (y[i] - meanY);
      sxx += (i - meanX) * (i - meanX);
    }
    return sxy / sxx;
  }
}
