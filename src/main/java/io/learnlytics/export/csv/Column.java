package io.learnlytics.export.csv;

import java.util.List;
import java.util.function.Function;

/** A CSV column: its header and how a row gives its value; so header and cells cannot drift. */
record Column<T>(String name, Function<T, Object> value) {

  static <T> String[] headers(List<Column<T>> columns) {
    return columns.stream().map(Column::name).toArray(String[]::new);
  }

  static <T> Object[] values(List<Column<T>> columns, T row) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value().apply(row);
    }
    return values;
  }
}
