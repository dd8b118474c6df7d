package io.learnlytics.support;

import io.learnlytics.support.ApiException.InvalidInput;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A closed list of values a field may take, and the one wording of its errors: {@code 'x' is not
 * allowed; allowed values are a, b, c}. Query parameters, request bodies, events and CLI options
 * all check their values here, so every 400 names the field and its allowed values the same way.
 */
public record AllowedValues(List<String> values) {
  public AllowedValues {
    values = List.copyOf(values);
  }

  public static AllowedValues of(Collection<String> values) {
    return new AllowedValues(List.copyOf(values));
  }

  public static AllowedValues of(String... values) {
    return new AllowedValues(List.of(values));
  }

  public boolean contains(String value) {
    return values.contains(value);
  }

  /**
   * The allowed value that {@code value} spells, ignoring the case of ASCII letters ({@code 7D},
   * {@code JSON}), or null when none does: the rule of every enumerated query parameter. Only ASCII
   * letters fold, so no other character (the Kelvin sign, a dotted capital I) stands in for one.
   */
  public @Nullable String canonical(String value) {
    String folded = asciiLowerCase(value);
    for (String v : values) {
      if (asciiLowerCase(v).equals(folded)) {
        return v;
      }
    }
    return null;
  }

  private static String asciiLowerCase(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] = (char) (out[i] + ('a' - 'A'));
      }
    }
    return new String(out);
  }

  /**
   * {@link #canonical} of {@code value}; otherwise a 400 naming {@code field} and the allowed
   * values.
   */
  public String checkIgnoringCase(String field, String value) {
    String v = canonical(value);
    if (v == null) {
      throw InvalidInput.of(field, notAllowed(value));
    }
    return v;
  }

  /** {@code value} when allowed; otherwise a 400 naming {@code field} and the allowed values. */
  public String check(String field, String value) {
    if (!contains(value)) {
      throw InvalidInput.of(field, notAllowed(value));
    }
    return value;
  }

  /** The error for {@code value}, which is not one of the values. */
  public String notAllowed(String value) {
    return "'" + value + "' is not allowed; allowed values are " + this;
  }

  /** The error for a required value that is missing. */
  public String required() {
    return "is required; allowed values are " + this;
  }

  /** The values, comma-separated, as the error messages list them. */
  @Override
  public String toString() {
    return String.join(", ", values);
  }
}
