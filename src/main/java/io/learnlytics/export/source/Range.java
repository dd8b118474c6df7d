package io.learnlytics.export.source;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The instants {@code [fromUtc, toUtc)} of an export, as its queries bind them; {@code all} also
 * takes in rows without a timestamp (relations), which no bounded period can place.
 */
public record Range(long fromUtc, long toUtc, boolean all) {

  /** Binds the range to the {@code ?} of a query: none, the two bounds, or the bounds and all. */
  public void bind(PreparedStatement ps, String sql) throws SQLException {
    long params = sql.chars().filter(c -> c == '?').count();
    if (params >= 2) {
      ps.setLong(1, fromUtc);
      ps.setLong(2, toUtc);
    }
    if (params == 3) {
      ps.setBoolean(3, all); // relations: also those without a timestamp
    }
  }
}
