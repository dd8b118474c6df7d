package io.learnlytics.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Checks that text is valid Unicode. JSON's {@code \\uD800} escapes can produce UTF-16 surrogates
 * without their pair; such a string has no UTF-8 form, so SQLite, exports and every client would
 * silently turn it into {@code ?} — and two different ids could then collide.
 */
final class Unicode {
  private Unicode() {}

  /** The index of the first surrogate without its pair, or -1 when there is none. */
  static int loneSurrogateAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Why {@code s} cannot be stored, or null. The NUL character is valid Unicode and SQLite keeps
   * it, but PostgreSQL text cannot hold it: there ({@code storesNul} false) it is refused by name
   * rather than failing the whole batch at the database.
   */
  static @Nullable String problem(String s, boolean storesNul) {
    int lone = loneSurrogateAt(s);
    if (lone >= 0) {
      return loneSurrogateMessage(s, lone);
    }
    int nul = s.indexOf('\u0000');
    if (!storesNul && nul >= 0) {
      return "contains the character U+0000 at character "
          + nul
          + ", which the PostgreSQL store cannot keep; remove it";
    }
    return null;
  }

  static String loneSurrogateMessage(String s, int at) {
    return String.format(
        "contains a lone UTF-16 surrogate \\u%04X at character %d; send valid Unicode",
        (int) s.charAt(at), at);
  }
}
