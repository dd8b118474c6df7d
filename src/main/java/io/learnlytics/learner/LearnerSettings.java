package io.learnlytics.learner;

import io.learnlytics.rollup.CalendarRules;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A learner and their calendar: the zone, the hour their learning day starts and the first day of
 * their week. A null setting follows the server's configuration, which is how the default learner
 * of a single-user install keeps behaving exactly as before learners existed.
 *
 * @param id letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64
 */
public record LearnerSettings(
    String id,
    @Nullable ZoneId zone,
    @Nullable Integer dayStartHour,
    @Nullable DayOfWeek weekStart) {

  /** What a learner id may look like: safe in a URL path segment, a file name and a log line. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** The id pattern as the error messages state it. */
  public static final String ID_RULE =
      "1 to 64 of A-Z a-z 0-9 _ - . starting with a letter or digit";

  public LearnerSettings {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("learner id must be " + ID_RULE + ": '" + id + "'");
    }
    if (dayStartHour != null && (dayStartHour < 0 || dayStartHour > 23)) {
      throw new IllegalArgumentException("day start hour must be 0 to 23: " + dayStartHour);
    }
  }

  /**
   * A zone by its IANA name. Fixed offsets such as {@code +02:00} are refused: they have no
   * daylight-saving rules, so a learner's days would drift an hour twice a year.
   *
   * @throws IllegalArgumentException naming what is allowed
   */
  public static ZoneId zone(String name) {
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new IllegalArgumentException(
          "zone must be an IANA zone name such as Europe/Berlin, got '" + name + "'");
    }
    return ZoneId.of(name);
  }

  public static boolean isValidId(String id) {
    return ID.matcher(id).matches();
  }

  /** The setting in effect for this learner: their own, the server's where they have none. */
  public CalendarRules rules(CalendarRules server) {
    return new CalendarRules(
        zone != null ? zone : server.zone(),
        dayStartHour != null ? dayStartHour : server.dayStartHour(),
        weekStart != null ? weekStart : server.weekStart());
  }
}
