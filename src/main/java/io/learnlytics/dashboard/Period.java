package io.learnlytics.dashboard;

/** A dashboard period such as {@code 30d}: the last N learning days, today included. */
public record Period(String id, int days) {
  public static Period parse(String id) {
    return new Period(id, Integer.parseInt(id.substring(0, id.length() - 1)));
  }
}
