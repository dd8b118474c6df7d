package io.learnlytics.export.csv;

import io.learnlytics.export.json.Jcs;

/**
 * Cell values for spreadsheet-safe CSV. A cell is a number only when the exporter writes it from a
 * numeric column (a Java {@link Number}); such cells are written as plain numbers, negative ones
 * included. Every other cell is text, and text that begins with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading apostrophe, so that a spreadsheet shows it
 * rather than evaluating it as a formula (OWASP "CSV injection"). That includes text that merely
 * looks numeric, such as a session id {@code -5}: it is text in the database, so it stays text.
 */
final class CsvCells {
  private CsvCells() {}

  /** The cell for a value: numbers as numbers, null as empty, anything else as neutralised text. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof Number n) {
      return Jcs.number(n.doubleValue());
    }
    return text(value.toString());
  }

  /** Text, with a leading apostrophe when a spreadsheet would read it as a formula. */
  static String text(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
  }
}
