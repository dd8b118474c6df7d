package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The topic dictionary ({@code topic_names}) indexed by id, with what writing a rollup row needs of
 * each name: its place in name order (topic maps are stored sorted by name) and its JSON-quoted
 * form. Computed once per rollup transaction, so rows of hundreds of topics are rendered without
 * sorting strings or escaping them again.
 */
final class TopicNames {
  private final String[] names;
  private final String[] quoted;
  private final int[] rank;

  private TopicNames(String[] names) {
    this.names = names;
    this.quoted = new String[names.length];
    this.rank = new int[names.length];
    Integer[] ids = new Integer[names.length];
    int n = 0;
    for (int id = 0; id < names.length; id++) {
      if (names[id] != null) {
        ids[n++] = id;
        quoted[id] =
            JsonText.string(new StringBuilder(names[id].length() + 2), names[id]).toString();
      }
    }
    Arrays.sort(ids, 0, n, Comparator.comparing(id -> names[id]));
    for (int i = 0; i < n; i++) {
      rank[ids[i]] = i;
    }
  }

  static TopicNames load(Connection c) throws SQLException {
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
    return new TopicNames(names);
  }

  String name(int id) {
    return names[id];
  }

  /** The name as a JSON string, quotes included. */
  String quoted(int id) {
    return quoted[id];
  }

  /** The position of the name among all names sorted by {@link String#compareTo}. */
  int rank(int id) {
    return rank[id];
  }
}
