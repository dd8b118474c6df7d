package io.learnlytics.export.json;

/** The checksum a JSON export states, and the one its content has. */
public record Verification(String stated, String computed) {
  public boolean matches() {
    return stated != null && stated.equals(computed);
  }
}
