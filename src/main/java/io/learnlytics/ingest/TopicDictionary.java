package io.learnlytics.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Topic names to their ids in {@code topic_names}, which only grows: an id, once committed, never
 * changes, so committed ids are cached for the life of the process. Ids given inside a batch are
 * kept apart until that batch commits — a rolled-back batch must not leave an id in the cache that
 * the database no longer has.
 *
 * <p>Shared by all learners on purpose, so no statement here names one: a topic id is only an
 * internal short name for a string, says nothing about who mentioned it, and is the same for every
 * learner (rollups and the graph compare ids across a learner's rows, never across learners).
 */
final class TopicDictionary {
  private final Map<String, Integer> committed = new ConcurrentHashMap<>();

  /** Ids for one write transaction; call {@link Batch#committed()} once it has committed. */
  Batch batch(Connection c) {
    return new Batch(c);
  }

  final class Batch {
    private final Connection conn;
    private final Map<String, Integer> fresh = new HashMap<>();

    @SuppressWarnings("NullAway.Init") // prepared with insert on first use
    private PreparedStatement select;

    @SuppressWarnings("NullAway.Init")
    private PreparedStatement insert;

    private Batch(Connection conn) {
      this.conn = conn;
    }

    /** The topics' ids as stored: sorted, comma-separated; null when there are none. */
    @Nullable String ids(List<String> names) throws SQLException {
      if (names.isEmpty()) {
        return null;
      }
      if (names.size() == 1) {
        return Integer.toString(id(names.get(0)));
      }
      TreeSet<Integer> ids = new TreeSet<>();
      for (String n : names) {
        ids.add(id(n));
      }
      return join(ids);
    }

    int id(String name) throws SQLException {
      Integer id = committed.get(name);
      if (id == null) {
        id = fresh.get(name);
      }
      if (id == null) {
        id = lookupOrInsert(name);
        fresh.put(name, id);
      }
      return id;
    }

    private int lookupOrInsert(String name) throws SQLException {
      if (select == null) {
        select = conn.prepareStatement("SELECT id FROM topic_names WHERE name = ?");
        insert = conn.prepareStatement("INSERT INTO topic_names (name) VALUES (?) RETURNING id");
      }
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
      insert.setString(1, name);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }

    /** Publishes this batch's ids: the transaction that gave them has committed. */
    void committed() {
      committed.putAll(fresh);
    }

    void close() throws SQLException {
      if (select != null) {
        select.close();
        insert.close();
      }
    }
  }

  /** Sorted ids as stored in a {@code topic_ids} column. */
  static @Nullable String join(Iterable<Integer> ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(id);
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
