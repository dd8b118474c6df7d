package io.learnlytics.export.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import io.learnlytics.store.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every export query finds the learner's rows by an index that starts with learner_id. */
class LearnerQueryPlanTest {
  @TempDir Path dir;

  /** The plan of {@code sql} with a learner's range bound as the export binds it. */
  private static List<String> plan(Connection conn, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      new Range("alice", 0, 1, false).bind(ps, sql);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString("detail"));
        }
      }
    }
    return out;
  }

  @Test
  void everyExportQuerySearchesTheLearnersIndexRatherThanScanning() throws SQLException {
    List<String> queries =
        List.of(
            Queries.Exchanges.QUERY.sql(Dialect.SQLITE),
            Queries.Feedback.QUERY.sql(Dialect.SQLITE),
            Queries.QualityScores.QUERY.sql(Dialect.SQLITE),
            Queries.Relations.QUERY.sql(Dialect.SQLITE),
            Queries.Sessions.QUERY.sql(Dialect.SQLITE),
            ExportSource.SESSION_COUNT,
            ExportSource.FEEDBACK_TYPES,
            ExportSource.ACTIVITY_RANGE);
    try (Database db = Database.open(dir.resolve("plan.db"))) {
      for (String sql : queries) {
        List<String> plan = db.reader().withHandle(h -> plan(h.getConnection(), sql));
        assertThat(plan).as(sql).anyMatch(line -> line.matches("SEARCH .*\\(learner_id=\\?.*"));
        assertThat(plan) // json_each, the topics of one session, is the only scan
            .as(sql)
            .allMatch(line -> !line.startsWith("SCAN ") || line.startsWith("SCAN j"));
      }
    }
  }
}
