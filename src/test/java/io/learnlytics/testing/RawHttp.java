package io.learnlytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a socket, for requests a well-behaved client cannot send: any Host
 * header, broken chunked bodies, truncated bodies, oversized headers. Reads the answer until the
 * server closes the connection ({@code Connection: close} is sent).
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * An answer: status, raw header block and body bytes (chunked bodies are de-chunked); {@code
   * complete} is false when a chunked body ended without its closing chunk (an aborted transfer).
   */
  public record Answer(int status, String headers, byte[] body, boolean complete) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    public String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
  public static Answer send(int port, String head, byte[] body) {
    return send(port, head, body, false);
  }

  /**
   * Like {@link #send(int, String, byte[])}; with {@code halfClose} the socket's output is shut
   * after the body, as a client that dies mid-upload does.
   */
  public static Answer send(int port, String head, byte[] body, boolean halfClose) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      String h = head.strip() + "\r\nConnection: close\r\n\r\n";
      out.write(h.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      return parse(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    try {
      while ((n = in.read(buf)) > 0) {
        all.write(buf, 0, n);
      }
    } catch (IOException e) {
      // a reset after the answer: keep what arrived
    }
    byte[] bytes = all.toByteArray();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no HTTP answer: " + text);
    }
    String headers = text.substring(0, end);
    int status = Integer.parseInt(headers.substring(9, 12));
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    Answer a = new Answer(status, headers, body, true);
    if ("chunked".equalsIgnoreCase(String.valueOf(a.header("Transfer-Encoding")))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean complete = dechunk(body, out);
      a = new Answer(status, headers, out.toByteArray(), complete);
    }
    return a;
  }

  /** De-chunks {@code b} into {@code out}; true when the closing zero-size chunk arrived. */
  private static boolean dechunk(byte[] b, ByteArrayOutputStream out) {
    int i = 0;
    while (i < b.length) {
      int eol = indexOf(b, i);
      if (eol < 0) {
        break;
      }
      String sizeText =
          new String(b, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        return true;
      }
      int start = eol + 2;
      out.write(b, start, Math.min(size, b.length - start));
      i = start + size + 2;
    }
    return false;
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
