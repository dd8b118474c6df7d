package io.learnlytics.export.source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 timestamps as the exports write them: {@code 2025-11-18T09:30:00+01:00}, seconds always,
 * milliseconds when not zero, {@code Z} for UTC — the ingest format, in the offset the event was
 * sent with, so that re-ingesting an exported event gives back the same instant and offset. Written
 * by hand, straight into the output buffer, because a year of exports formats half a million.
 */
public final class Times {
  /** Longest timestamp written: {@code 2025-11-18T09:30:00.123+05:30:15}. */
  public static final int MAX_LENGTH = 32;

  private Times() {}

  /** The instant {@code epochMs} at UTC offset {@code offsetSeconds}. */
  public static String iso(long epochMs, int offsetSeconds) {
    byte[] b = new byte[MAX_LENGTH];
    int end = write(b, 0, epochMs, offsetSeconds);
    if (end < 0) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)));
    }
    return new String(b, 0, end, StandardCharsets.US_ASCII);
  }

  /** The instant {@code epochMs} in UTC, e.g. {@code 2025-11-18T08:30:00Z}. */
  public static String utc(long epochMs) {
    return iso(epochMs, 0);
  }

  /**
   * Writes the timestamp as ASCII at {@code b[p]} (room for {@link #MAX_LENGTH} bytes needed) and
   * returns the position after it, or -1 for a year outside 1..9999 (see {@link #iso}).
   */
  public static int write(byte[] b, int p, long epochMs, int offsetSeconds) {
    long local = Math.floorDiv(epochMs, 1000) + offsetSeconds;
    long day = Math.floorDiv(local, 86_400);
    if (day < -719_162 || day > 2_932_896) { // 0001-01-01 .. 9999-12-31
      return -1;
    }
    p = date(b, p, LocalDate.ofEpochDay(day));
    b[p++] = 'T';
    p = time(b, p, Math.floorMod(local, 86_400), Math.floorMod(epochMs, 1000));
    return offset(b, p, offsetSeconds);
  }

  /** {@code 2025-11-18}. */
  private static int date(byte[] b, int p, LocalDate date) {
    p = digits(b, p, date.getYear(), 4);
    b[p++] = '-';
    p = digits(b, p, date.getMonthValue(), 2);
    b[p++] = '-';
    return digits(b, p, date.getDayOfMonth(), 2);
  }

  /** {@code 09:30:00}, then {@code .123} when the milliseconds are not zero. */
  private static int time(byte[] b, int p, int secondOfDay, int millis) {
    p = digits(b, p, secondOfDay / 3600, 2);
    b[p++] = ':';
    p = digits(b, p, secondOfDay / 60 % 60, 2);
    b[p++] = ':';
    p = digits(b, p, secondOfDay % 60, 2);
    if (millis != 0) {
      b[p++] = '.';
      p = digits(b, p, millis, 3);
    }
    return p;
  }

  /** {@code Z}, {@code +01:00}, or with seconds {@code -05:30:15}. */
  private static int offset(byte[] b, int p, int offsetSeconds) {
    if (offsetSeconds == 0) {
      b[p++] = 'Z';
      return p;
    }
    int abs = Math.abs(offsetSeconds);
    b[p++] = (byte) (offsetSeconds < 0 ? '-' : '+');
    p = digits(b, p, abs / 3600, 2);
    b[p++] = ':';
    p = digits(b, p, abs / 60 % 60, 2);
    if (abs % 60 != 0) {
      b[p++] = ':';
      p = digits(b, p, abs % 60, 2);
    }
    return p;
  }

  private static int digits(byte[] b, int p, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      b[p + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return p + width;
  }
}
