package io.learnlytics.store;

/** A database failure that is not the client's fault (maps to 500, logged with its cause). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
