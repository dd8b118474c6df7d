package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: topics are stored as dictionary ids so that a rollup never parses JSON — with the same
 * answers: a score counts for its exchange's topics even when it arrived first, an older database
 * is migrated, and rows that retention would delete are not written at all.
 */
class TopicStorageTest {
  @TempDir Path dir;

  static Config config(Path db, Config.Retention retention) {
    return TestConfig.forDb(db).withZone(ZoneOffset.UTC).withRetention(retention).build();
  }

  static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void a_score_stored_before_its_exchange_counts_for_the_topics_once_the_exchange_arrives() {
    try (App app = App.open(config(dir.resolve("w.db"), new Config.Retention(0, 0)))) {
      app.ingest()
          .ingest(
              List.of(
                  json(
                      "{\"kind\":\"quality\",\"id\":\"q\",\"exchange_id\":\"x\","
                          + "\"timestamp\":\"2025-11-18T11:05:00Z\",\"composite\":0.8}")));
      app.rollups().refreshDirty();
      Rollup before = app.rollups().list(Level.HOURLY, Long.MIN_VALUE, Long.MAX_VALUE).get(0);
      assertThat(before.topics().quality()).isEmpty();

      // The exchange is an hour earlier than its score: the score's hour must be recomputed.
      app.ingest()
          .ingest(
              List.of(
                  json(
                      "{\"kind\":\"exchange\",\"id\":\"x\",\"session_id\":\"s\","
                          + "\"timestamp\":\"2025-11-18T10:59:00Z\",\"topics\":[\"graphs\"]}")));
      app.rollups().refreshDirty();

      Rollup scoreHour =
          app.rollups()
              .list(
                  Level.HOURLY,
                  Instant.parse("2025-11-18T11:00:00Z").toEpochMilli(),
                  Instant.parse("2025-11-18T12:00:00Z").toEpochMilli())
              .get(0);
      assertThat(scoreHour.topics().quality()).containsEntry("graphs", new TopicQuality(1, 0.8));
      assertThat(count(app, "quality_waiting")).isZero();
    }
  }

  @Test
  void a_database_from_before_topic_ids_is_migrated_and_rolls_up_the_same() throws Exception {
    Path old = dir.resolve("old.db");
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + old, null, null)
        .locations(Database.SQLITE_MIGRATIONS)
        .target("6")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO exchanges (id, session_id, ts_utc, utc_offset_s, duration_ms, topics,"
              + " fingerprint, ingested_utc) VALUES"
              + " ('a', 's', 1763460000000, 0, 1000, '[\"graphs\",\"trees\"]', 1, 0),"
              + " ('b', 's', 1763460060000, 0, 1000, '[\"graphs\"]', 2, 0)");
      st.execute("INSERT INTO sessions VALUES ('s', 1763460000000, 0, 1763460060000, 1000, 2)");
      st.execute("INSERT INTO session_topics VALUES ('s', 'graphs'), ('s', 'trees')");
      st.execute(
          "INSERT INTO quality_scores (id, exchange_id, ts_utc, utc_offset_s, composite,"
              + " fingerprint, ingested_utc) VALUES ('q1', 'a', 1763460001000, 0, 0.5, 3, 0),"
              + " ('q2', 'nobody', 1763460002000, 0, 0.9, 4, 0)");
    }

    try (App app = App.open(config(old, new Config.Retention(0, 0)))) {
      app.rollups().refreshDirty();
      app.rollups().rebuild(null, null);
      Rollup day = app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE).get(0);

      assertThat(day.topics().distribution()).isEqualTo(Map.of("graphs", 2L, "trees", 1L));
      assertThat(day.topics().sessions()).isEqualTo(Map.of("graphs", 1L, "trees", 1L));
      assertThat(day.topics().quality())
          .isEqualTo(Map.of("graphs", new TopicQuality(1, 0.5), "trees", new TopicQuality(1, 0.5)));
      assertThat(count(app, "quality_waiting")).isEqualTo(1); // q2's exchange never came
    }
  }

  @Test
  void json_day_states_from_before_v10_are_recomputed_as_binary_on_the_first_refresh()
      throws Exception {
    Path old = dir.resolve("v9.db");
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + old, null, null)
        .locations(Database.SQLITE_MIGRATIONS)
        .target("9")
        .load()
        .migrate();
    long day = 1763424000000L; // 2025-11-18T00:00Z
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO topic_names (id, name) VALUES (1, 'graphs')");
      st.execute(
          "INSERT INTO exchanges (id, session_id, ts_utc, utc_offset_s, duration_ms, topics,"
              + " topic_ids, fingerprint, ingested_utc) VALUES"
              + " ('a', 's', 1763460000000, 0, 1000, '[\"graphs\"]', '1', 1, 0)");
      st.execute(
          "INSERT INTO sessions (session_id, start_utc, start_offset_s, last_utc,"
              + " last_duration_ms, exchange_count, topic_ids)"
              + " VALUES ('s', 1763460000000, 0, 1763460000000, 1000, 1, '1')");
      // A state in the old JSON form, as an older version wrote it (with a stale count).
      st.execute(
          "INSERT INTO rollup_day_state VALUES ("
              + day
              + ", '{\"exchanges\":7,\"topics\":{\"id\":[1],\"m\":[7],\"s\":[1],"
              + "\"qc\":[0],\"qs\":[0.0]}}')");
    }

    try (App app = App.open(config(old, new Config.Retention(0, 0)))) {
      assertThat(count(app, "dirty_buckets")).isEqualTo(1);
      app.rollups().refreshDirty();

      Rollup week = app.rollups().list(Level.WEEKLY, Long.MIN_VALUE, Long.MAX_VALUE).get(0);
      assertThat(week.activity().exchanges()).isEqualTo(1);
      assertThat(week.topics().distribution()).isEqualTo(Map.of("graphs", 1L));
      String type =
          app.db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery("SELECT typeof(state) FROM rollup_day_state")
                          .mapTo(String.class)
                          .one());
      assertThat(type).isEqualTo("blob");
    }
  }

  @Test
  void rows_retention_would_delete_are_not_written_and_trends_still_see_them() {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    Database.open(dir.resolve("r.db")).close();
    try (App app =
        new App(
            config(dir.resolve("r.db"), new Config.Retention(400, 400)),
            Clock.fixed(now, ZoneOffset.UTC),
            new PrometheusRegistry())) {
      app.ingest()
          .ingest(
              List.of(
                  json(
                      "{\"kind\":\"exchange\",\"id\":\"old\",\"session_id\":\"s1\","
                          + "\"timestamp\":\"2025-09-01T10:00:00Z\"}"),
                  json(
                      "{\"kind\":\"exchange\",\"id\":\"o2\",\"session_id\":\"s2\","
                          + "\"timestamp\":\"2025-11-01T10:00:00Z\"}"),
                  json(
                      "{\"kind\":\"exchange\",\"id\":\"o3\",\"session_id\":\"s3\","
                          + "\"timestamp\":\"2025-11-02T10:00:00Z\"}")));
      app.rollups().rebuild(null, null);

      List<Rollup> hourly = app.rollups().list(Level.HOURLY, Long.MIN_VALUE, Long.MAX_VALUE);
      List<Rollup> daily = app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE);
      List<Rollup> monthly = app.rollups().list(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE);

      assertThat(hourly).extracting(Rollup::localStart).noneMatch(s -> s.startsWith("2025-09"));
      assertThat(hourly).hasSize(2);
      assertThat(daily)
          .extracting(Rollup::localStart)
          .containsExactly("2025-11-01T00:00Z", "2025-11-02T00:00Z");
      assertThat(daily.get(1).trend().direction()).isEqualTo("stable");
      assertThat(monthly).hasSize(2); // months are kept forever, September included
    }
  }

  private static long count(App app, String table) {
    return app.db()
        .reader()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }
}
