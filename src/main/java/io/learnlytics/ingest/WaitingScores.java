package io.learnlytics.ingest;

import io.learnlytics.rollup.DirtyMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Quality scores stored before their exchange. A score counts for its exchange's topics, copied
 * onto it at ingest; a score whose exchange is not stored yet is listed in {@code quality_waiting}
 * and gets the topics when the exchange arrives — and its hour is marked dirty then, since its
 * per-topic quality just changed. A score waits for its learner's exchange of that id only.
 */
final class WaitingScores {
  private final Connection conn;
  private final String learner;
  private final DirtyMarks marks;

  WaitingScores(Connection conn, String learner, DirtyMarks marks) {
    this.conn = conn;
    this.learner = learner;
    this.marks = marks;
  }

  /** Lists new scores whose exchange is not stored. */
  void scoresWithoutExchange(List<Event.Quality> scores) throws SQLException {
    if (scores.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO quality_waiting (learner_id, exchange_id, quality_id)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Event.Quality q : scores) {
        ps.setString(1, learner);
        ps.setString(2, q.exchangeId());
        ps.setString(3, q.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Gives the scores waiting for these newly stored exchanges their topics. */
  void exchangesArrived(Map<String, ?> exchanges) throws SQLException {
    if (exchanges.isEmpty() || nothingWaits()) {
      return;
    }
    try (PreparedStatement waiting =
            conn.prepareStatement(
                "DELETE FROM quality_waiting WHERE learner_id = ? AND exchange_id = ?"
                    + " RETURNING quality_id");
        PreparedStatement topics =
            conn.prepareStatement(
                "SELECT topic_ids FROM exchanges WHERE learner_id = ? AND id = ?");
        PreparedStatement update =
            conn.prepareStatement(
                "UPDATE quality_scores SET topic_ids = ? WHERE learner_id = ? AND id = ?"
                    + " RETURNING ts_utc")) {
      waiting.setString(1, learner);
      topics.setString(1, learner);
      update.setString(2, learner);
      for (String exchangeId : exchanges.keySet()) {
        List<String> scores = stringsOf(waiting, exchangeId);
        if (!scores.isEmpty()) {
          List<String> ids = stringsOf(topics, exchangeId);
          giveTopics(update, scores, ids.isEmpty() ? null : ids.get(0));
        }
      }
    }
  }

  /** The first column of the rows {@code ps} returns for {@code arg} (its second parameter). */
  private static List<String> stringsOf(PreparedStatement ps, String arg) throws SQLException {
    ps.setString(2, arg);
    List<String> out = new java.util.ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Sets the scores' topic ids and marks their hours dirty. */
  private void giveTopics(PreparedStatement update, List<String> scores, @Nullable String topicIds)
      throws SQLException {
    for (String scoreId : scores) {
      update.setString(1, topicIds);
      update.setString(3, scoreId);
      try (ResultSet rs = update.executeQuery()) {
        while (rs.next()) {
          marks.touch(rs.getLong(1));
        }
      }
    }
  }

  private boolean nothingWaits() throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT NOT EXISTS (SELECT 1 FROM quality_waiting WHERE learner_id = ?)")) {
      ps.setString(1, learner);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
