package io.learnlytics.store;

/**
 * A backup or restore that was refused or failed. The message is one line naming the file and the
 * remedy; the database it was asked to protect is unchanged.
 */
public final class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message, null, false, false);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
