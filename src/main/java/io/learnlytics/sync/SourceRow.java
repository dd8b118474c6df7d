package io.learnlytics.sync;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One row of a source table: its rowid and its columns by (lower-case) name. */
record SourceRow(long rowid, Map<String, Object> columns) {
  @Nullable String text(String column) {
    Object v = columns.get(column);
    return v == null ? null : v.toString();
  }

  @Nullable Long integer(String column) {
    Object v = columns.get(column);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  @Nullable Double real(String column) {
    Object v = columns.get(column);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A boolean column as SQLite stores it (0/1, or 'true'/'false' text); null when absent. */
  @Nullable Boolean flag(String column) {
    Object v = columns.get(column);
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    if (v instanceof String s) {
      return s.equalsIgnoreCase("true") || s.equals("1");
    }
    return null;
  }
}
