package io.learnlytics.export.json;

import org.jspecify.annotations.Nullable;

/** The checksum a JSON export states, and the one its content has. */
public record Verification(@Nullable String stated, String computed) {
  public boolean matches() {
    return stated != null && stated.equals(computed);
  }
}
