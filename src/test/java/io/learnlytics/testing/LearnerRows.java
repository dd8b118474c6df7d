package io.learnlytics.testing;

import io.learnlytics.store.Database;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A learner's stored rows, as plain values, for comparing two databases row by row. */
public final class LearnerRows {
  private LearnerRows() {}

  /**
   * The rows {@code sql} selects with the view's learner bound to its single {@code ?}; each row is
   * its column values in order.
   */
  public static List<List<Object>> of(Database db, String sql) {
    return db.reader()
        .withHandle(
            h -> h.createQuery(sql).bind(0, db.learner()).map((rs, ctx) -> values(rs)).list());
  }

  private static List<Object> values(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<Object> row = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object v = rs.getObject(i);
      row.add(v == null ? "NULL" : v);
    }
    return row;
  }
}
