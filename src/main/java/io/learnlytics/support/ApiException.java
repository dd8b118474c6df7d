package io.learnlytics.support;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception family that reaches HTTP handlers; the API maps each to its status in
 * one place. Messages are written for the client: they name the field and what is allowed.
 */
public abstract class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final List<FieldError> details;

  protected ApiException(
      int status, String code, @Nullable String message, List<FieldError> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  protected ApiException(int status, String code, @Nullable String message) {
    this(status, code, message, List.of());
  }

  /** HTTP status this exception maps to. */
  public int status() {
    return status;
  }

  /** Stable machine-readable code, e.g. {@code invalid_input}. */
  public String code() {
    return code;
  }

  public List<FieldError> details() {
    return details;
  }

  /** Seconds after which a retry may succeed ({@code Retry-After}), or 0 when it would not. */
  public int retryAfterSeconds() {
    return 0;
  }

  /** One problem with one field; {@code index} is the event's position in a batch, if any. */
  public record FieldError(
      @Nullable Integer index, @Nullable String field, @Nullable String message) {}

  /** 400: the request is malformed or a value is outside what is allowed. */
  public static final class InvalidInput extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message, List<FieldError> details) {
      super(400, "invalid_input", message, details);
    }

    public static InvalidInput of(String field, String message) {
      return new InvalidInput(
          field + ": " + message, List.of(new FieldError(null, field, message)));
    }
  }

  /** 401: a token is configured and the request did not present it. */
  public static final class Unauthorized extends ApiException {
    private static final long serialVersionUID = 1L;

    public Unauthorized(String message) {
      super(401, "unauthorized", message);
    }
  }

  /** 403: the request comes from a page or a host name this server does not serve. */
  public static final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(403, "forbidden", message);
    }
  }

  /** 404: no such route or resource. */
  public static final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(404, "not_found", message);
    }
  }

  /** 409: the request contradicts what is stored (e.g. a new calendar for a learner's history). */
  public static final class Conflict extends ApiException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
      super(409, "conflict", message);
    }
  }

  /** 413: the body or the batch is over the documented limits. */
  public static final class PayloadTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(String message) {
      super(413, "payload_too_large", message);
    }
  }

  /** 415: a body in a format the route does not take. */
  public static final class UnsupportedMediaType extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaType(String message) {
      super(415, "unsupported_media_type", message);
    }
  }

  /** 429: a limited resource (such as concurrent exports) is busy; retry after some seconds. */
  public static final class TooManyRequests extends ApiException {
    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public TooManyRequests(String message, int retryAfterSeconds) {
      super(429, "too_many_requests", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** 503: the server cannot take the request now (the database is locked, memory is spoken for). */
  public static final class Unavailable extends ApiException {
    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public Unavailable(@Nullable String message, int retryAfterSeconds) {
      super(503, "unavailable", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** 507: the disk holding the database is full; nothing of the request was stored. */
  public static final class InsufficientStorage extends ApiException {
    private static final long serialVersionUID = 1L;

    public InsufficientStorage(String message) {
      super(507, "insufficient_storage", message);
    }
  }
}
