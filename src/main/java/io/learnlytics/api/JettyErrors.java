package io.learnlytics.api;

import io.learnlytics.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a route runs — a malformed request line or URI, headers
 * over the size limit, a broken chunked body — in the API's one error shape instead of Jetty's HTML
 * page, and without a stack trace.
 */
final class JettyErrors extends ErrorHandler {
  /**
   * Every method gets the JSON body. Jetty's default writes one only for GET, POST and HEAD, so a
   * PUT or DELETE with a broken Content-Length or URI was answered with an empty body.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback cb)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), cb);
  }

  private static byte[] body(int status, String reason) {
    String message = explain(status, reason);
    try {
      return Json.MAPPER.writeValueAsBytes(ErrorBody.of(code(status), message));
    } catch (IOException e) {
      return "{\"error\":{\"code\":\"bad_request\",\"message\":\"bad request\",\"details\":[]}}"
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Jetty's reason, or for a limit the limit itself, so the client knows what to change. */
  private static String explain(int status, String reason) {
    return switch (status) {
      case 414 ->
          "the URL is too long: request line and headers may have at most "
              + HttpLimits.MAX_HEADER_BYTES
              + " bytes";
      case 431 ->
          "the request headers are too large: request line and headers may have at most "
              + HttpLimits.MAX_HEADER_BYTES
              + " bytes";
      default ->
          reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason.strip();
    };
  }

  /** {@code bad_request}, {@code request_header_fields_too_large}, ... */
  static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_input";
      case 404 -> "not_found";
      case 413 -> "payload_too_large";
      case 500 -> "internal_error";
      default ->
          HttpStatus.getMessage(status)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "_")
              .replaceAll("^_|_$", "");
    };
  }
}
