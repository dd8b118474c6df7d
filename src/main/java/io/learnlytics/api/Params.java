package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.InvalidInput;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Query parameters checked against their allowed values; a bad one is a 400 naming both. One rule
 * for every enumerated query parameter of the API (export's too, {@code ExportRequest}):
 * surrounding spaces are stripped, ASCII case is ignored ({@code period=7D} is {@code 7d}, {@code
 * format=JSON} is {@code json}), and the value is used, cached and echoed in the spelling {@code
 * /api/meta} lists. Absent or blank means the default.
 */
final class Params {
  private Params() {}

  /** One value from {@code allowed}, or {@code fallback} when absent. */
  static String oneOf(Context ctx, String name, List<String> allowed, String fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    return AllowedValues.of(allowed).checkIgnoringCase(name, v.strip());
  }

  /** A comma-separated subset of {@code allowed} (order kept, duplicates dropped). */
  static List<String> subset(
      Context ctx, String name, List<String> allowed, List<String> fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    AllowedValues values = AllowedValues.of(allowed);
    Set<String> out = new LinkedHashSet<>();
    // -1 keeps empty parts: "sessions,,quality" and "," are both a 400, never an empty list
    for (String part : v.split(",", -1)) {
      String value = values.canonical(part.strip());
      if (value == null) {
        throw invalid(name, values.notAllowed(part.strip()) + " (comma-separated)");
      }
      out.add(value);
    }
    return new ArrayList<>(out);
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
  static int intBetween(Context ctx, String name, int min, int max, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(name, "'" + v + "' must be a whole number from " + min + " to " + max);
  }

  /** A non-blank text of at most {@code maxLength} characters (stripped); required. */
  static String text(Context ctx, String name, int maxLength) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw invalid(name, "is required");
    }
    String t = v.strip();
    if (t.length() > maxLength) {
      throw invalid(name, "must be at most " + maxLength + " characters, got " + t.length());
    }
    return t;
  }

  /** A month as {@code YYYY-MM}, from 1970-01 to {@code latest}, or {@code fallback}. */
  static YearMonth month(Context ctx, String name, YearMonth latest, YearMonth fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      YearMonth m = YearMonth.parse(v.strip());
      if (m.getYear() >= 1970 && !m.isAfter(latest)) {
        return m;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw invalid(name, "'" + v + "' must be a month as YYYY-MM, from 1970-01 to " + latest);
  }

  private static InvalidInput invalid(String name, String message) {
    return InvalidInput.of(name, message);
  }
}
