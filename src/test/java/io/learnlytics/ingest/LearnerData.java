package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.config.Ingest;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One learner's history for the isolation tests: seeded random batches of every kind of event, all
 * drawn from the SAME small id spaces for every seed (x0.., s0.., f0.., q0.., r0.. and a few topic
 * names), so that two learners always collide on ids, sessions and concepts; then re-sent batches
 * (duplicates and one edit) and deletions. Each step returns what the service answered.
 */
final class LearnerData {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final long NOV_1 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  private static final long DAY = 86_400_000L;
  private static final List<String> TOPICS =
      List.of("algebra", "biology", "chess", "dutch", "eels");

  /** The per-learner tables ingest writes, as a test compares them. */
  static final List<String> TABLES =
      List.of(
          "exchanges",
          "sessions",
          "feedback",
          "quality_scores",
          "quality_waiting",
          "concepts",
          "concept_relations",
          "concept_links");

  private LearnerData() {}

  /** An ingest service over {@code db}'s view, on a fixed clock so that rows compare exactly. */
  static IngestService ingest(Database db) {
    return new IngestService(
        db,
        Clock.fixed(NOW, ZoneOffset.UTC),
        new Buckets(ZoneId.of("UTC"), 0, DayOfWeek.MONDAY),
        Ingest.DEFAULT);
  }

  /** The steps of one learner's history; each returns the service's answer. */
  static List<Function<IngestService, Object>> history(long seed) {
    Random rnd = new Random(seed);
    List<JsonNode> exchanges = new ArrayList<>();
    List<JsonNode> others = new ArrayList<>();
    List<JsonNode> early = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long ts = NOV_1 + rnd.nextInt(28) * DAY + rnd.nextInt(86_400) * 1000L;
      exchanges.add(exchange(i, "s" + rnd.nextInt(8), ts, rnd));
      if (rnd.nextInt(3) == 0) {
        others.add(event("feedback", "f" + i, i, ts + 1000).put("type", "thumbs_up"));
      }
      if (rnd.nextBoolean()) {
        // a third of the scores come before their exchange: they wait for it
        List<JsonNode> into = rnd.nextInt(3) == 0 ? early : others;
        into.add(
            event("quality", "q" + i, i, ts + 2000).put("composite", rnd.nextInt(101) / 100.0));
      }
    }
    for (int i = 0; i < 12; i++) {
      others.add(relation(i, rnd));
    }
    List<JsonNode> rest = new ArrayList<>(exchanges);
    rest.addAll(others);
    Collections.shuffle(rest, rnd);
    List<Function<IngestService, Object>> steps = new ArrayList<>();
    steps.add(s -> s.ingest(early));
    for (int from = 0; from < rest.size(); from += 15) {
      List<JsonNode> batch = rest.subList(from, Math.min(rest.size(), from + 15));
      steps.add(s -> s.ingest(batch));
    }
    steps.addAll(resends(rest, rnd));
    steps.addAll(deletions(rnd));
    return steps;
  }

  /** A batch sent again (duplicates), and one exchange sent again with other content. */
  private static List<Function<IngestService, Object>> resends(List<JsonNode> rest, Random rnd) {
    List<JsonNode> again = rest.subList(0, 10);
    ObjectNode edited = exchange(rnd.nextInt(40), "s0", NOV_1, rnd).put("user_text", "edited");
    return List.of(s -> s.ingest(again), s -> s.ingest(List.of(edited)));
  }

  private static List<Function<IngestService, Object>> deletions(Random rnd) {
    List<Function<IngestService, Object>> steps = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      String id = List.of("x", "f", "q", "r").get(rnd.nextInt(4)) + rnd.nextInt(12);
      steps.add(s -> forget(s, id));
    }
    long cutoff = NOV_1 + (3 + rnd.nextInt(5)) * DAY;
    steps.add(s -> s.forgetBefore(cutoff));
    return steps;
  }

  /** The deletion's answer, or the refusal's message when the learner has no such event. */
  private static Object forget(IngestService s, String id) {
    try {
      return s.forget(id, null);
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static ObjectNode exchange(int i, String session, long ts, Random rnd) {
    List<String> topics = new ArrayList<>(new TreeSet<>(List.of(pick(rnd), pick(rnd))));
    ObjectNode e = Json.MAPPER.createObjectNode().put("kind", "exchange").put("id", "x" + i);
    e.put("session_id", session).put("timestamp", Instant.ofEpochMilli(ts).toString());
    e.put("duration_ms", rnd.nextInt(60_000)).put("user_text", "u" + rnd.nextInt(1000));
    topics.subList(0, rnd.nextInt(topics.size() + 1)).forEach(e.putArray("topics")::add);
    return e;
  }

  private static ObjectNode event(String kind, String id, int exchange, long ts) {
    ObjectNode e = Json.MAPPER.createObjectNode().put("kind", kind).put("id", id);
    return e.put("exchange_id", "x" + exchange)
        .put("timestamp", Instant.ofEpochMilli(ts).toString());
  }

  private static ObjectNode relation(int i, Random rnd) {
    ObjectNode r = Json.MAPPER.createObjectNode().put("kind", "relation").put("id", "r" + i);
    r.put("source", pick(rnd)).put("target", rnd.nextBoolean() ? pick(rnd) : "only-" + i);
    return r.put("type", rnd.nextBoolean() ? "BUILDS_ON" : "RELATES_TO")
        .put("strength", rnd.nextInt(11) / 10.0);
  }

  private static String pick(Random rnd) {
    return TOPICS.get(rnd.nextInt(TOPICS.size()));
  }

  /**
   * Every row of {@code learner} in the per-learner tables, without the columns that only say where
   * a row sits in its file (rid, learner_id) and with topic ids turned back into names (topic ids
   * are shared by all learners, so the same topic may have another id in another file).
   */
  static Map<String, List<String>> rows(Database db, String learner) {
    try {
      return db.reader().withHandle(h -> rows(h.getConnection(), learner));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, List<String>> rows(Connection c, String learner) throws SQLException {
    Map<Integer, String> names = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name FROM topic_names")) {
      while (rs.next()) {
        names.put(rs.getInt(1), rs.getString(2));
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    for (String table : TABLES) {
      out.put(table, table(c, table, learner, names));
    }
    return out;
  }

  private static List<String> table(
      Connection c, String table, String learner, Map<Integer, String> names) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var ps = c.prepareStatement("SELECT * FROM " + table + " WHERE learner_id = ?")) {
      ps.setString(1, learner);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new TreeMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            String column = md.getColumnName(i);
            Object v = rs.getObject(i);
            if (!column.equals("rid") && !column.equals("learner_id")) {
              row.put(column, column.equals("topic_ids") ? topicNames(v, names) : v);
            }
          }
          out.add(row.toString());
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  private static Object topicNames(Object csv, Map<Integer, String> names) {
    if (csv == null) {
      return "null";
    }
    TreeSet<String> out = new TreeSet<>();
    for (String id : csv.toString().split(",")) {
      out.add(names.get(Integer.parseInt(id)));
    }
    return out;
  }
}
