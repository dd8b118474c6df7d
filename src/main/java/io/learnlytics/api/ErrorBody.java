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
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
