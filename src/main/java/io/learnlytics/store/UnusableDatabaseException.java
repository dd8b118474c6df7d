package io.learnlytics.store;

/**
 * The database cannot be used as it is: read-only, damaged, from a newer version, or in use by
 * another server. The message names the file and the remedy in one line; nothing was changed.
 */
public final class UnusableDatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnusableDatabaseException(String message) {
    super(message, null, false, false);
  }
}
