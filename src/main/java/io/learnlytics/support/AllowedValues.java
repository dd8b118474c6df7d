package io.learnlytics.support;

import io.learnlytics.support.ApiException.InvalidInput;
import java.util.Collection;
import java.util.List;

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
