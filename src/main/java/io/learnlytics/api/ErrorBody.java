package io.learnlytics.api;

import io.learnlytics.support.ApiException;
import io.learnlytics.support.ApiException.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The one error shape of the API: {@code {"error":{"code","message","details":[...]}}}. */
record ErrorBody(Error error) {
  record Error(String code, @Nullable String message, List<FieldError> details) {}

  static ErrorBody of(ApiException e) {
    List<FieldError> details =
        e.details().stream()
            .map(d -> new FieldError(d.index(), printable(d.field()), printable(d.message())))
            .toList();
    return new ErrorBody(new Error(e.code(), printable(e.getMessage()), details));
  }

  static ErrorBody of(String code, @Nullable String message) {
    return new ErrorBody(new Error(code, printable(message), List.of()));
  }

  /**
   * Messages may quote what the client sent; a lone UTF-16 surrogate in it has no UTF-8 form and
   * would break the answer, so it is written as its escape text instead.
   */
  static @Nullable String printable(@Nullable String s) {
    if (s == null || !hasLoneSurrogate(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (pairedAt(s, i)) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (pairedAt(s, i)) {
        i++;
      } else if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a high surrogate at {@code i} is followed by its low half. */
  private static boolean pairedAt(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
