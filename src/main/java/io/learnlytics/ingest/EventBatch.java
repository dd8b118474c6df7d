package io.learnlytics.ingest;

import io.learnlytics.store.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One kind's event inserts, with the update count of each row: 1 stored, 0 already there (a re-sent
 * id), which the duplicate and conflict answers need.
 *
 * <p>On SQLite they run as one JDBC batch, which costs nothing per statement. PostgreSQL runs each
 * row of a JDBC batch as a statement of its own, which made its ingest a fifth of SQLite's, and the
 * driver's multi-row rewrite returns no per-row counts. So there the rows go many to a statement,
 * {@code ... ON CONFLICT DO NOTHING RETURNING id}, and each row's count is read from the ids
 * returned.
 */
final class EventBatch {
  /** Rows per statement: PostgreSQL allows 65 535 parameters; the widest insert has 14. */
  static final int ROWS = 1000;

  private EventBatch() {}

  static <E extends Event> int[] insert(
      Connection conn,
      List<BatchWriter.Item<E>> items,
      EventInserts.Binder<E> binder,
      long nowUtc,
      Function<E, String> topicIds,
      String learner)
      throws SQLException {
    if (Dialect.of(conn) == Dialect.POSTGRESQL) {
      return multiRow(conn, items, binder, nowUtc, topicIds, learner);
    }
    try (PreparedStatement ps = conn.prepareStatement(binder.sql())) {
      for (BatchWriter.Item<E> item : items) {
        binder.bind(ps, item.event(), nowUtc, topicIds.apply(item.event()), learner);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  private static <E extends Event> int[] multiRow(
      Connection conn,
      List<BatchWriter.Item<E>> items,
      EventInserts.Binder<E> binder,
      long nowUtc,
      Function<E, String> topicIds,
      String learner)
      throws SQLException {
    int[] counts = new int[items.size()];
    for (int from = 0; from < items.size(); from += ROWS) {
      List<BatchWriter.Item<E>> chunk = items.subList(from, Math.min(items.size(), from + ROWS));
      Set<String> stored = statement(conn, chunk, binder, nowUtc, topicIds, learner);
      for (int i = 0; i < chunk.size(); i++) {
        // remove: of one id sent twice in a batch, only the first is stored
        counts[from + i] = stored.remove(chunk.get(i).event().id()) ? 1 : 0;
      }
    }
    return counts;
  }

  private static <E extends Event> Set<String> statement(
      Connection conn,
      List<BatchWriter.Item<E>> chunk,
      EventInserts.Binder<E> binder,
      long nowUtc,
      Function<E, String> topicIds,
      String learner)
      throws SQLException {
    String sql = binder.sql();
    int open = sql.indexOf(" VALUES (") + " VALUES ".length();
    int close = sql.indexOf(')', open) + 1;
    String row = sql.substring(open, close);
    int width = (int) row.chars().filter(c -> c == '?').count();
    StringBuilder many = new StringBuilder(sql.substring(0, open));
    for (int i = 0; i < chunk.size(); i++) {
      many.append(i == 0 ? "" : ",").append(row);
    }
    many.append(sql.substring(close)).append(" RETURNING id");
    Set<String> stored = new HashSet<>();
    try (PreparedStatement ps = conn.prepareStatement(many.toString())) {
      for (int i = 0; i < chunk.size(); i++) {
        E e = chunk.get(i).event();
        binder.bind(shifted(ps, i * width), e, nowUtc, topicIds.apply(e), learner);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return stored;
  }

  /**
   * {@code ps} seen with its parameters moved by {@code offset}: a binder's {@code setX(1, ...)}
   * sets parameter {@code offset + 1}, so one row's binder fills any row of a multi-row insert.
   */
  private static PreparedStatement shifted(PreparedStatement ps, int offset) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> call(ps, method, args, offset));
  }

  private static @Nullable Object call(
      PreparedStatement ps, Method method, @Nullable Object[] args, int offset) throws Throwable {
    if (method.getName().startsWith("set") && args != null && args[0] instanceof Integer i) {
      args[0] = i + offset;
    }
    try {
      return method.invoke(ps, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
