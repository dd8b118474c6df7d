package io.learnlytics.export.source;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One learner's rows in the instants {@code [fromUtc, toUtc)} of an export, as its queries bind
 * them; {@code all} also takes in rows without a timestamp (relations), which no bounded period can
 * place.
 */
public record Range(String learner, long fromUtc, long toUtc, boolean all) {

  /**
   * Binds the range to the {@code ?} of a query, which always begins with {@code learner_id = ?}
   * (so that the learner's index is used): then none, the two bounds, or the bounds and all.
   */
  public void bind(PreparedStatement ps, String sql) throws SQLException {
    long params = sql.chars().filter(c -> c == '?').count();
    if (params < 1 || params > 4 || params == 2) {
      throw new IllegalArgumentException("not a learner's export query: " + sql);
    }
    ps.setString(1, learner);
    if (params >= 3) {
      ps.setLong(2, fromUtc);
      ps.setLong(3, toUtc);
    }
    if (params == 4) {
      ps.setBoolean(4, all); // relations: also those without a timestamp
    }
  }
}
