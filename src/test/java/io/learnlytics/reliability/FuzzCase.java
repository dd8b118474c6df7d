package io.learnlytics.reliability;

import java.util.List;

/**
 * One hostile request: which route it is aimed at and in what category it counts, and exactly what
 * goes on the wire. {@code wellFormed}: the HTTP framing and charset are valid, so any 400 comes
 * from our own validation and must name the field it refuses.
 */
record FuzzCase(
    FuzzRoute route,
    String category,
    String method,
    String target,
    List<String> headers,
    byte[] body,
    boolean halfClose,
    boolean wellFormed) {

  /** A short description for failure messages: never the whole 10 MB body. */
  String describe() {
    String t = target.length() > 200 ? target.substring(0, 200) + "..." : target;
    String b =
        new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
    return category + " " + method + " " + t + " " + headers + " body(" + body.length + ")=" + b;
  }
}
