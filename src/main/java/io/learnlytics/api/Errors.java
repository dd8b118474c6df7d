package io.learnlytics.api;

import io.learnlytics.store.StoreFault;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.ApiException.InsufficientStorage;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.ApiException.Unavailable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.jspecify.annotations.Nullable;

/**
 * Turns any failure into the API exception it should answer as: the client's own errors are already
 * {@link ApiException}s; a locked or full database becomes 503 or 507; a request body that broke
 * off becomes 400. Whatever is left is a bug (500, logged). One place, so that every route answers
 * the same failure the same way.
 */
final class Errors {
  static final int LOCKED_RETRY_AFTER_SECONDS = 5;
  static final int SLOW_RETRY_AFTER_SECONDS = 5;

  private Errors() {}

  /** The answer for {@code t}, or null when it is a server fault. */
  static @Nullable ApiException classify(Throwable t) {
    if (t instanceof ApiException api) {
      return api;
    }
    ApiException store = storeFault(StoreFault.of(t));
    if (store != null) {
      return store;
    }
    if (brokenBody(t)) {
      return InvalidInput.of("body", "could not be read to its end; nothing was written");
    }
    return null;
  }

  /** The answer for a database that refused the request, or null for any other fault. */
  private static @Nullable ApiException storeFault(@Nullable StoreFault fault) {
    if (fault == StoreFault.BUSY) {
      return new Unavailable(
          "the database is locked by another program (or by a long write); nothing of this"
              + " request was stored; retry in "
              + LOCKED_RETRY_AFTER_SECONDS
              + " seconds",
          LOCKED_RETRY_AFTER_SECONDS);
    }
    if (fault == StoreFault.FULL) {
      return new InsufficientStorage(
          "the disk holding the database is full; nothing of this request was stored; free some"
              + " space and retry");
    }
    if (fault == StoreFault.TIMEOUT) {
      return new Unavailable(
          "a database query of this answer ran past the server's query limit"
              + " (--query-timeout-seconds) and was stopped; nothing was changed; retry in "
              + SLOW_RETRY_AFTER_SECONDS
              + " seconds, or ask for a shorter period",
          SLOW_RETRY_AFTER_SECONDS);
    }
    if (fault == StoreFault.READ_ONLY) {
      return new Unavailable(
          "the database cannot be written (its file or folder became read-only); nothing of"
              + " this request was stored",
          60);
    }
    return null;
  }

  /**
   * A request body cut short or with a broken chunked encoding, as Jetty reports it: an {@link
   * EofException} (the client went away mid-body), or any of Jetty's {@link HttpException}s with a
   * client-error code. Checked by type, not by class name: Jetty's own {@code
   * HttpConnection.HttpEofException} is both, and a name list had missed it (a 500 for a goal body
   * cut short).
   */
  private static boolean brokenBody(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HttpException http) {
        return http.getCode() < 500;
      }
      if (c instanceof EofException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether writing a response failed because the client closed the connection: Jetty reports it as
   * an {@link EofException} (possibly around the socket's "Broken pipe" or "Connection reset"), or
   * a write to a channel already closed.
   */
  static boolean clientGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof EofException || c instanceof ClosedChannelException) {
        return true;
      }
      String m = c.getMessage();
      if (c instanceof IOException
          && m != null
          && (m.contains("Broken pipe") || m.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  /** The HTTP status {@code t} answers as. */
  static int status(Throwable t) {
    ApiException api = classify(t);
    return api == null ? 500 : api.status();
  }
}
