package io.learnlytics.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Copies every row of one database into another of the same schema version — a single-user SQLite
 * file into a new PostgreSQL database — in one transaction of the target: all of it or nothing.
 * Rows are copied as stored, derived tables included, so the target answers exactly as the source
 * did; the triggers that derive the knowledge graph are off meanwhile, or they would derive its
 * links a second time.
 */
public final class StoreCopy {
  private static final int BATCH = 1000;
  private static final String HISTORY = "flyway_schema_history";

  /** Tables holding events: the target must have none, so nothing of it is overwritten. */
  private static final List<String> EVENT_TABLES =
      List.of("exchanges", "feedback", "quality_scores", "concept_relations");

  private StoreCopy() {}

  /**
   * Copies all rows of {@code from} into {@code to}, replacing the rows a fresh database starts
   * with (the default learner, its default goals).
   *
   * @return the rows copied per table, in copy order
   * @throws StoreException when {@code to} already holds events, naming the table
   */
  public static Map<String, Long> copy(Database from, Database to) {
    return to.write(
        "copying " + from.location() + " to " + to.location(),
        target -> {
          for (String table : EVENT_TABLES) {
            refuseEvents(target, table);
          }
          List<String> order = tablesInKeyOrder(target);
          triggers(target, "DISABLE");
          for (String table : reversed(order)) {
            execute(target, "DELETE FROM " + table);
          }
          Map<String, Long> rows = new LinkedHashMap<>();
          try (Connection source = from.reader().open().getConnection()) {
            for (String table : order) {
              rows.put(table, copyTable(source, target, table));
            }
          }
          triggers(target, "ENABLE");
          restartIdentities(target);
          return rows;
        });
  }

  private static void refuseEvents(Connection target, String table) throws SQLException {
    try (Statement st = target.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      if (rs.next() && rs.getLong(1) > 0) {
        throw new SQLException(
            "the target already holds "
                + rs.getLong(1)
                + " rows of "
                + table
                + "; migrate into a new, empty database");
      }
    }
  }

  /** The target's tables, each after the tables its foreign keys point to. */
  static List<String> tablesInKeyOrder(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    Set<String> partitions = partitions(c);
    try (ResultSet rs =
        meta.getTables(null, schema(c), "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        if (!table.equals(HISTORY) && !partitions.contains(table)) {
          parents.put(table, new LinkedHashSet<>());
        }
      }
    }
    for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
      try (ResultSet rs = meta.getImportedKeys(null, schema(c), e.getKey())) {
        while (rs.next()) {
          String parent = rs.getString("PKTABLE_NAME");
          if (!parent.equals(e.getKey())) {
            e.getValue().add(parent);
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    while (order.size() < parents.size()) {
      int before = order.size();
      for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
        if (!order.contains(e.getKey()) && order.containsAll(e.getValue())) {
          order.add(e.getKey());
        }
      }
      if (order.size() == before) {
        throw new SQLException("the foreign keys between " + parents.keySet() + " form a cycle");
      }
    }
    return order;
  }

  /** PostgreSQL's partitions: their rows are copied through their partitioned table. */
  private static Set<String> partitions(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    if (Dialect.of(c) == Dialect.POSTGRESQL) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE relispartition")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String schema(Connection c) throws SQLException {
    return Dialect.of(c) == Dialect.POSTGRESQL ? c.getSchema() : "%";
  }

  private static long copyTable(Connection source, Connection target, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    try (ResultSet rs = target.getMetaData().getColumns(null, schema(target), table, "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
        types.add(rs.getInt("DATA_TYPE"));
      }
    }
    String names = String.join(", ", columns);
    String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
    long n = 0;
    try (Statement read = source.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + table);
        PreparedStatement write =
            target.prepareStatement(
                "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          bind(write, i + 1, rs.getObject(i + 1), types.get(i));
        }
        write.addBatch();
        if (++n % BATCH == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
    return n;
  }

  private static void bind(PreparedStatement ps, int i, @Nullable Object v, int type)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, type);
    } else if (type == Types.BINARY && v instanceof String s) {
      ps.setBytes(i, s.getBytes(StandardCharsets.UTF_8)); // an old JSON day state in a BLOB
    } else {
      ps.setObject(i, v, type);
    }
  }

  private static void triggers(Connection target, String what) throws SQLException {
    if (Dialect.of(target) == Dialect.POSTGRESQL) {
      execute(target, "ALTER TABLE concept_relations " + what + " TRIGGER USER");
      execute(target, "ALTER TABLE concepts " + what + " TRIGGER USER");
    }
  }

  /** Moves each identity column's sequence past the copied ids, so new rows get fresh ones. */
  private static void restartIdentities(Connection target) throws SQLException {
    if (Dialect.of(target) != Dialect.POSTGRESQL) {
      return;
    }
    List<String[]> identities = new ArrayList<>();
    try (Statement st = target.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns c"
                    + " WHERE table_schema = current_schema() AND (is_identity = 'YES'"
                    + " OR column_default LIKE 'nextval(%') AND NOT EXISTS (SELECT 1 FROM"
                    + " pg_class p WHERE p.relname = c.table_name AND p.relispartition)")) {
      while (rs.next()) {
        identities.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] t : identities) {
      execute(
          target,
          "SELECT setval(pg_get_serial_sequence('"
              + t[0]
              + "', '"
              + t[1]
              + "'), coalesce(max("
              + t[1]
              + "), 0) + 1, false) FROM "
              + t[0]);
    }
  }

  private static List<String> reversed(List<String> order) {
    List<String> r = new ArrayList<>(order);
    Collections.reverse(r);
    return r;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
