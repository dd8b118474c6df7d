package io.learnlytics.export.source;

import io.learnlytics.store.Dialect;
import java.util.List;
import java.util.function.Function;

/**
 * A packed query (see {@link PackedRow}) in each dialect, with its packed column count and REAL
 * count.
 */
public record Query(String sqlite, String postgresql, int columns, int reals) {
  static Query of(List<String> columns, List<String> reals, String from) {
    return of(d -> columns, reals, from);
  }

  /** A query whose columns depend on the dialect. */
  static Query of(Function<Dialect, List<String>> columns, List<String> reals, String from) {
    List<String> lite = columns.apply(Dialect.SQLITE);
    return new Query(
        PackedRow.select(Dialect.SQLITE, lite, reals, from),
        PackedRow.select(Dialect.POSTGRESQL, columns.apply(Dialect.POSTGRESQL), reals, from),
        lite.size(),
        reals.size());
  }

  public String sql(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? postgresql : sqlite;
  }
}
