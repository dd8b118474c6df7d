package io.learnlytics.dashboard;

import java.util.List;

/** A dashboard period such as {@code 30d}: the last N learning days, today included. */
public record Period(String id, int days) {
  /** The periods every dashboard endpoint takes (topics also takes {@code all}). */
  public static final List<String> IDS = List.of("7d", "30d", "90d", "365d");

  public static final String DEFAULT = "30d";

  public static Period parse(String id) {
    return new Period(id, Integer.parseInt(id.substring(0, id.length() - 1)));
  }
}
