package io.learnlytics.export.source;

import java.util.List;

/** A packed query (see {@link PackedRow}): its SQL, packed column count and REAL count. */
public record Query(String sql, int columns, int reals) {
  static Query of(List<String> columns, List<String> reals, String from) {
    return new Query(PackedRow.select(columns, reals, from), columns.size(), reals.size());
  }
}
