package io.learnlytics.export.source;

import io.learnlytics.rollup.Period;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What to export: {@code format} json or csv, {@code period} 7d, 30d, 90d, 365d (the last N
 * learning days, today included) or all, and {@code include}, a subset of sessions, quality,
 * feedback and topics (kept in that order, whatever order they were asked in), or {@code all} for
 * every section (the specification's own example). Values follow the rule of every enumerated query
 * parameter of the API: spaces around them are stripped and ASCII case is ignored ({@code
 * format=JSON} is {@code json}).
 */
public record ExportRequest(String format, String period, List<String> include) {
  public static final List<String> FORMATS = List.of("json", "csv");
  public static final List<String> PERIODS = Period.IDS_WITH_ALL;
  public static final List<String> SECTIONS = List.of("sessions", "quality", "feedback", "topics");
  public static final String DEFAULT_FORMAT = "json";
  public static final String DEFAULT_PERIOD = "30d";

  /** {@code include=all}: every section; it stands alone, never in a list with named sections. */
  public static final String ALL_SECTIONS = "all";

  public ExportRequest {
    include = List.copyOf(include);
  }

  /**
   * Validates raw parameter values (null or blank means the default: json, 30d, every section).
   *
   * @throws InvalidInput naming the parameter and its allowed values
   */
  public static ExportRequest parse(String format, String period, @Nullable String include) {
    return new ExportRequest(
        oneOf("format", format, FORMATS, DEFAULT_FORMAT),
        oneOf("period", period, PERIODS, DEFAULT_PERIOD),
        sections(include));
  }

  /** The file extension of a download in {@code format}: csv comes as a ZIP of CSV files. */
  public static String extension(String format) {
    return format.equals("csv") ? "zip" : "json";
  }

  public boolean includes(String section) {
    return include.contains(section);
  }

  /** Days in the period, or 0 for {@code all}. */
  public int days() {
    return Period.parse(period).days();
  }

  private static String oneOf(String field, String value, List<String> allowed, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = AllowedValues.of(allowed).canonical(value.strip());
    if (v == null) {
      throw notAllowed(field, value, allowed);
    }
    return v;
  }

  private static List<String> sections(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return SECTIONS;
    }
    String[] parts = value.split(",", -1);
    if (parts.length == 1 && parts[0].strip().toLowerCase(Locale.ROOT).equals(ALL_SECTIONS)) {
      return SECTIONS;
    }
    List<String> asked = new ArrayList<>();
    for (String part : parts) {
      if (part.strip().toLowerCase(Locale.ROOT).equals(ALL_SECTIONS)) {
        throw InvalidInput.of(
            "include",
            "'all' stands alone (every section); it cannot be listed with "
                + String.join(", ", SECTIONS));
      }
      String p = AllowedValues.of(SECTIONS).canonical(part.strip());
      if (p == null) {
        throw notAllowed("include", part, SECTIONS);
      }
      asked.add(p);
    }
    return SECTIONS.stream().filter(asked::contains).toList();
  }

  private static InvalidInput notAllowed(String field, String value, List<String> allowed) {
    String message = AllowedValues.of(allowed).notAllowed(value);
    return InvalidInput.of(
        field,
        field.equals("include")
            ? message + " (comma-separated), or 'all' alone for every section"
            : message);
  }
}
