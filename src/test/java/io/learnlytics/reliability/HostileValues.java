package io.learnlytics.reliability;

import java.util.List;

/**
 * Values a hostile or broken client sends: as text (query parameters, path segments, string fields)
 * and as JSON values (any field of a body). Kept small and explicit; {@link RandomCases} combines
 * them with routes, fields and framings.
 */
final class HostileValues {
  private HostileValues() {}

  /** 10 MB of one letter: a string far above every field limit, still under the body limit. */
  static final String TEN_MB = "x".repeat(10_000_000);

  /** Texts, each a different kind of trouble; {@code null} stands for "no value" ({@code ?a}). */
  static final List<String> TEXTS =
      List.of(
          "",
          " ",
          "\u0000",
          "a\u0000b",
          "\uD800",
          "\uDC00x",
          "\uD83D\uDE00",
          "\u202Eevil",
          "1e400",
          "-1e400",
          "NaN",
          "Infinity",
          "-Infinity",
          "-0",
          "0x10",
          "99999999999999999999999",
          "-2147483649",
          "2147483648",
          "1.5",
          "7d,30d",
          "7D",
          " 7d ",
          "sessions,,quality",
          ",,,",
          "'; DROP TABLE exchanges; --",
          "\" OR 1=1 --",
          "1; SELECT * FROM sqlite_master",
          "../../../../etc/passwd",
          "..%2f..%2fetc%2fpasswd",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/a}",
          "%s%s%n%n",
          "{{7*7}}",
          "\r\nX-Injected: 1",
          "*",
          "%",
          "null",
          "true",
          "[]",
          "{}",
          "x".repeat(300),
          "é".repeat(2000),
          "x".repeat(7000));

  /** JSON values for a field: wrong types, extreme numbers, hostile strings, deep structures. */
  static final List<String> JSON =
      List.of(
          "null",
          "true",
          "0",
          "-1",
          "1e400",
          "-1e400",
          "1e-400",
          "NaN",
          "Infinity",
          "-Infinity",
          "123456789012345678901234567890",
          "0.1e99999999999",
          "01",
          "\"\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\udc00\\ud800\"",
          "\"\\uD83D\\uDE00\"",
          "\"'; DROP TABLE goals; --\"",
          "\"<img src=x onerror=alert(1)>\"",
          "\"2025-13-45T25:61:61Z\"",
          "\"2025-11-18T09:00:00\"",
          "\"+999999999-12-31T23:59:59Z\"",
          "\"-999999999-01-01T00:00:00Z\"",
          "[]",
          "[null]",
          "{}",
          "{\"\":{}}",
          "[\"a\",1,null,{}]",
          Framings.deepArrays(10_000),
          Framings.deepObjects(10_000));
}
