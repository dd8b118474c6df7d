package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The topic dictionary ({@code topic_names}) as an array: {@code names[id]} is the name. */
final class TopicNames {
  private TopicNames() {}

  static String[] load(Connection c) throws SQLException {
    int max;
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM topic_names");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      max = rs.getInt(1);
    }
    String[] names = new String[max + 1];
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM topic_names");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names[rs.getInt(1)] = rs.getString(2);
      }
    }
    return names;
  }
}
