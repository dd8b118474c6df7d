package io.learnlytics.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteException;

/**
 * Database failures that are not bugs, told apart so that the API can answer them honestly: a lock
 * held by another program is worth retrying (503), a full disk needs space (507), a read-only or
 * damaged file needs the operator.
 */
public enum StoreFault {
  /** Another writer held the lock beyond the lock timeout, or our writer was busy that long. */
  BUSY,
  /** The disk (or the database's size limit) is full. */
  FULL,
  /** The file or its folder cannot be written. */
  READ_ONLY,
  /** The file is damaged or is not a database. */
  CORRUPT,
  /** A read ran past its {@link QueryLimit} and was stopped. */
  TIMEOUT;

  // SQLite's primary result codes (https://sqlite.org/rescode.html).
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_INTERRUPT = 9;

  /** PostgreSQL's query_canceled, which a statement_timeout raises. */
  private static final String PG_QUERY_CANCELED = "57014";

  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_NOTADB = 26;

  /** The state of the database, in words for a log line ("the database is ..."). */
  public String inWords() {
    return switch (this) {
      case BUSY -> "locked by another writer";
      case FULL -> "on a full disk";
      case READ_ONLY -> "read-only";
      case CORRUPT -> "damaged";
      case TIMEOUT -> "too slow for the query limit";
    };
  }

  /** The fault somewhere in {@code t}'s causes, or null when it is none of these. */
  public static @Nullable StoreFault of(Throwable t) {
    for (Throwable c = t; c != null; c = next(c)) {
      if (c instanceof SQLiteException s) {
        StoreFault f = ofCode(s.getResultCode().code & 0xff);
        if (f != null) {
          return f;
        }
      } else if (c instanceof SQLException s && PG_QUERY_CANCELED.equals(s.getSQLState())) {
        return TIMEOUT;
      } else if (c instanceof SQLTransientConnectionException) {
        return BUSY; // no connection within the pool's timeout: the writer is held that long
      } else if (c instanceof SQLException s && ofMessage(s.getMessage()) != null) {
        return ofMessage(s.getMessage());
      }
    }
    return null;
  }

  private static @Nullable Throwable next(Throwable c) {
    if (c instanceof BatchUpdateException b && b.getNextException() != null) {
      return b.getNextException();
    }
    return c.getCause() == c ? null : c.getCause();
  }

  private static @Nullable StoreFault ofCode(int code) {
    return switch (code) {
      case SQLITE_BUSY, SQLITE_LOCKED -> BUSY;
      case SQLITE_FULL -> FULL;
      case SQLITE_READONLY -> READ_ONLY;
      case SQLITE_CORRUPT, SQLITE_NOTADB -> CORRUPT;
      case SQLITE_INTERRUPT -> TIMEOUT;
      default -> null;
    };
  }

  /** Batch updates in sqlite-jdbc report the result only in the message text. */
  private static @Nullable StoreFault ofMessage(@Nullable String message) {
    if (message == null) {
      return null;
    }
    if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
      return BUSY;
    }
    if (message.contains("SQLITE_FULL") || message.contains("database or disk is full")) {
      return FULL;
    }
    if (message.contains("SQLITE_READONLY") || message.contains("readonly database")) {
      return READ_ONLY;
    }
    if (message.contains("SQLITE_CORRUPT") || message.contains("malformed")) {
      return CORRUPT;
    }
    return null;
  }
}
