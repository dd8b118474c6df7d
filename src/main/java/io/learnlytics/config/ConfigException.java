package io.learnlytics.config;

import org.jspecify.annotations.Nullable;

/** A setting that cannot work, with a message that says which one and why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(@Nullable String message) {
    super(message);
  }
}
