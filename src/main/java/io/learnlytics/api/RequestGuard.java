package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.config.Config;
import io.learnlytics.support.ApiException.Forbidden;
import io.learnlytics.support.ApiException.UnsupportedMediaType;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps other web pages out of a server that, by default, has no token. Three checks, before any
 * route runs:
 *
 * <ul>
 *   <li><b>Host</b> (on a loopback bind): must be a loopback name or address, the bind host, or an
 *       allowed host. A DNS-rebinding page re-points its own name at 127.0.0.1, but its requests
 *       still say {@code Host: its-name}, so they are refused — and cannot read an export.
 *   <li><b>Origin</b>: a browser marks cross-site requests with the page's origin; any origin other
 *       than this server's own (or an allowed one) is refused, as is the opaque {@code null}.
 *   <li><b>Content-Type</b> on writes: a body must be JSON or NDJSON. An HTML form or a {@code
 *       text/plain} fetch can be sent cross-site without asking; a JSON body cannot. It must also
 *       be UTF-8 and uncompressed (415 otherwise).
 * </ul>
 */
final class RequestGuard {
  private final boolean checkHost;
  private final Set<String> hosts = new HashSet<>();
  private final Set<String> origins;

  RequestGuard(Config config) {
    this.checkHost = config.loopbackOnly();
    hosts.add("localhost");
    hosts.add(config.host().toLowerCase(Locale.ROOT));
    hosts.addAll(config.exposure().allowedHosts());
    this.origins = Set.copyOf(config.exposure().allowedOrigins());
  }

  /** Host and Origin: runs first, before authentication. */
  void checkCaller(Context ctx) {
    String host = ctx.header("Host");
    if (checkHost && host != null && !allowedHost(host)) {
      throw new Forbidden(
          "Host '"
              + host
              + "' is not this server; open it as http://127.0.0.1 or http://localhost, or list"
              + " the name in LEARNLYTICS_ALLOWED_HOSTS");
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, host) && !origins.contains(lower(origin))) {
      throw new Forbidden(
          "requests from pages on '"
              + origin
              + "' are not allowed; list the origin in LEARNLYTICS_ALLOWED_ORIGINS to allow it");
    }
  }

  /**
   * Content-Type and Content-Encoding of a write: runs after authentication, so strangers learn
   * nothing more. Reads the raw header: the servlet's parsed content type throws on a charset the
   * JVM does not know ({@code charset=bogus!}), which had made such a request a 500.
   */
  void checkBody(Context ctx) {
    String contentType = ctx.header("Content-Type");
    if (!isWrite(ctx.method().name()) || !hasBody(ctx, contentType)) {
      return;
    }
    if (!isJson(contentType)) {
      throw new UnsupportedMediaType(
          "Content-Type '"
              + contentType
              + "' is not accepted; send the body as application/json (or application/x-ndjson"
              + " for events)");
    }
    String charset = foreignCharset(contentType);
    if (charset != null) {
      throw new UnsupportedMediaType(
          "charset '" + charset + "' is not accepted; JSON bodies must be UTF-8 (charset=utf-8)");
    }
    String encoding = ctx.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !lower(encoding.strip()).equals("identity")) {
      throw new UnsupportedMediaType(
          "Content-Encoding '"
              + encoding
              + "' is not accepted; send the body uncompressed (bodies are never inflated)");
    }
  }

  /** The first charset parameter that is not UTF-8, or null when all (or none) are UTF-8. */
  static @Nullable String foreignCharset(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (lower(p).startsWith("charset=")) {
        String name = p.substring("charset=".length()).strip().replace("\"", "");
        if (!lower(name).equals("utf-8")) {
          return name;
        }
      }
    }
    return null;
  }

  private boolean allowedHost(String hostHeader) {
    String name = hostName(hostHeader);
    return hosts.contains(name) || isLoopbackLiteral(name);
  }

  /** The name part of a Host header: without port, brackets or a trailing dot, lower case. */
  static String hostName(String hostHeader) {
    String h = lower(hostHeader.strip());
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static boolean isLoopbackLiteral(String name) {
    return name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
  }

  /** True when {@code origin} names the same host and port the request was sent to. */
  private static boolean sameOrigin(String origin, String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    try {
      URI u = new URI(origin.strip());
      if (u.getHost() == null || u.getScheme() == null) {
        return false; // "null" and other opaque origins
      }
      String authority = u.getRawAuthority();
      int defaultPort = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      String host = lower(hostHeader.strip());
      return lower(authority).equals(host)
          || (u.getPort() == -1 && host.equals(lower(authority) + ":" + defaultPort));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean isWrite(String method) {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("DELETE");
  }

  private static boolean hasBody(Context ctx, @Nullable String contentType) {
    return ctx.req().getContentLengthLong() > 0
        || ctx.header("Transfer-Encoding") != null
        || contentType != null;
  }

  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = lower(contentType.strip());
    return ct.startsWith("application/json")
        || ct.startsWith("application/x-ndjson")
        || ct.startsWith("application/ndjson")
        || ct.startsWith("application/jsonl");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
