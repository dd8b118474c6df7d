package io.learnlytics.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link FuzzCase} over a raw socket (no client library would send most of them) and reads
 * the answer until the server closes. A watchdog closes the socket at the deadline, so a server
 * that never answers — or never reads, leaving the client blocked on a write — is reported as a
 * hang instead of hanging the test.
 */
final class FuzzClient implements AutoCloseable {
  private final int port;
  private final long timeoutMillis;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

  FuzzClient(int port, long timeoutMillis) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * The answer: {@code status} 0 when none arrived; {@code timedOut} when the deadline passed;
   * {@code writeFailed} when the server closed before taking the whole body (it answered early).
   */
  record Answer(int status, String head, byte[] body, boolean timedOut, boolean writeFailed) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Answer send(FuzzCase c) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      long start = System.nanoTime();
      ScheduledFuture<?> timer =
          watchdog.schedule(() -> close(s), timeoutMillis, TimeUnit.MILLISECONDS);
      boolean writeFailed = write(s, c);
      byte[] all = readAll(s.getInputStream());
      timer.cancel(false);
      boolean timedOut = System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      return parse(all, timedOut, writeFailed);
    }
  }

  private static boolean write(Socket s, FuzzCase c) {
    StringBuilder head = new StringBuilder();
    head.append(c.method()).append(' ').append(c.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    for (String h : c.headers()) {
      head.append(h).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try {
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(c.body());
      out.flush();
      if (c.halfClose()) {
        s.shutdownOutput();
      }
      return false;
    } catch (IOException e) {
      return true; // the server answered and closed before reading all of it
    }
  }

  private static byte[] readAll(InputStream in) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        all.write(buf, 0, n);
      }
    } catch (IOException e) {
      // a reset after (or instead of) the answer: keep what arrived
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] bytes, boolean timedOut, boolean writeFailed) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
      return new Answer(0, text, new byte[0], timedOut, writeFailed);
    }
    String head = text.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Answer(status, head, body, timedOut, writeFailed);
  }

  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < s.length()) {
      int eol = s.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(s.substring(i, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.write(b, eol + 2, Math.min(size, b.length - eol - 2));
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
