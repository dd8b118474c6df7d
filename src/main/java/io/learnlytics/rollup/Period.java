package io.learnlytics.rollup;

import java.util.List;

/**
 * A reporting period such as {@code 30d}: the last N learning days, today included; or {@code all}
 * history ({@link #ALL}, zero days). The one parser of period ids for the dashboard, topics and
 * exports.
 */
public record Period(String id, int days) {
  /** The periods every dashboard endpoint takes. */
  public static final List<String> IDS = List.of("7d", "30d", "90d", "365d");

  /** The periods of endpoints that can also cover all history (topics, exports). */
  public static final List<String> IDS_WITH_ALL = List.of("7d", "30d", "90d", "365d", "all");

  public static final String DEFAULT = "30d";

  public static final Period ALL = new Period("all", 0);

  /** The period of an id from {@link #IDS_WITH_ALL}. */
  public static Period parse(String id) {
    return id.equals(ALL.id)
        ? ALL
        : new Period(id, Integer.parseInt(id.substring(0, id.length() - 1)));
  }

  public boolean isAll() {
    return days == 0;
  }
}
