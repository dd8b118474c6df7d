package io.learnlytics.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One of the assistant's SQLite files, opened so that it can never be written: a read-only
 * connection ({@code mode=ro}) with {@code query_only} on top. The assistant may be writing at the
 * same moment (rollback journal or WAL): reads wait up to the busy timeout for its lock, and each
 * batch is one short read transaction.
 */
final class SourceDatabase implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 5_000;

  private final Connection conn;

  private SourceDatabase(Connection conn) {
    this.conn = conn;
  }

  /** Opens {@code file} read-only, or returns null when it does not exist (yet). */
  static @Nullable SourceDatabase open(@Nullable Path file) throws SQLException {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(true);
    c.setOpenMode(SQLiteOpenMode.READONLY);
    c.setOpenMode(SQLiteOpenMode.OPEN_URI);
    c.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection conn = c.createConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA query_only = 1");
    }
    return new SourceDatabase(conn);
  }

  /** The table's column names (lower case), or an empty set when the table does not exist. */
  Set<String> columns(String table) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** The highest rowid of the table (0 when empty). */
  long maxRowid(String table) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(max(rowid), 0) FROM \"" + table + "\"")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Up to {@code limit} rows after {@code afterRowid}, in rowid order, with all their columns. */
  List<SourceRow> rowsAfter(String table, long afterRowid, int limit) throws SQLException {
    List<SourceRow> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT rowid AS ll_rowid, * FROM \""
                + table
                + "\" WHERE rowid > ? ORDER BY rowid LIMIT ?")) {
      ps.setLong(1, afterRowid);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n + 1];
        for (int i = 2; i <= n; i++) {
          names[i] = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
        }
        while (rs.next()) {
          Map<String, Object> columns = new HashMap<>(n * 2);
          for (int i = 2; i <= n; i++) {
            columns.put(names[i], rs.getObject(i));
          }
          out.add(new SourceRow(rs.getLong(1), columns));
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
