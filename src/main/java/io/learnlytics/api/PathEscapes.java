package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.support.ApiException.InvalidInput;

/**
 * Refuses a path whose %-escapes are not {@code %} and two hex digits, before any route runs. Jetty
 * lets some through (it reads {@code %u0041} as the old IIS form of "A"), and Javalin then decodes
 * the path parameter again with {@link java.net.URLDecoder}, which throws: a 500 for {@code DELETE
 * /api/analytics/goals/%u0041}. Now it is a 400 naming the path.
 */
final class PathEscapes {
  private PathEscapes() {}

  static void check(Context ctx) {
    String raw = ctx.req().getRequestURI();
    if (raw != null && !wellFormed(raw)) {
      throw InvalidInput.of(
          "path", "has a broken %-escape; each % must be followed by two hex digits");
    }
  }

  static boolean wellFormed(String raw) {
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
      if (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
