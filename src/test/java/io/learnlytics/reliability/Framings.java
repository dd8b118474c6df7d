package io.learnlytics.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * How a body goes on the wire. Most cases send it plainly with its length; the others are what only
 * a raw socket can send: chunks (valid and broken), a body shorter or longer than declared, a
 * nonsense length, a gzip bomb, and Content-Types with charsets other than UTF-8.
 */
enum Framings {
  PLAIN,
  CHUNKED,
  BROKEN_CHUNKS,
  TRUNCATED,
  LENGTH_TOO_SHORT,
  BAD_LENGTH,
  GZIP,
  GZIP_BOMB,
  CHARSET,
  CONTENT_TYPE;

  /** 256 MiB of zeros, gzipped to about 250 KB: built once, inflated by nobody. */
  static final byte[] BOMB = gzip(new byte[1024 * 1024], 256);

  /** Header lines, body bytes, and whether the client stops sending after the body. */
  record Wire(List<String> headers, byte[] body, boolean halfClose) {}

  Wire frame(byte[] body, String contentType, Random random) {
    List<String> h = new ArrayList<>();
    h.add("Content-Type: " + contentType);
    return switch (this) {
      case PLAIN -> lengthOf(h, body, body.length, false);
      case CHUNKED -> chunked(h, body, random, true);
      case BROKEN_CHUNKS -> chunked(h, body, random, false);
      case TRUNCATED -> lengthOf(h, body, body.length + 1 + random.nextInt(100_000), true);
      case LENGTH_TOO_SHORT -> lengthOf(h, body, random.nextInt(body.length + 1), false);
      case BAD_LENGTH -> badLength(h, body, random);
      case GZIP -> encoded(h, gzip(body, 1));
      case GZIP_BOMB -> encoded(h, BOMB);
      case CHARSET -> charset(body, contentType, random);
      case CONTENT_TYPE -> contentType(body, random);
    };
  }

  private static Wire lengthOf(List<String> h, byte[] body, long declared, boolean halfClose) {
    h.add("Content-Length: " + declared);
    return new Wire(h, body, halfClose);
  }

  private static Wire chunked(List<String> h, byte[] body, Random random, boolean valid) {
    h.add("Transfer-Encoding: chunked");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length) {
      int n = Math.min(body.length - i, 1 + random.nextInt(4096));
      write(out, Integer.toHexString(n) + "\r\n");
      out.write(body, i, n);
      write(out, "\r\n");
      i += n;
    }
    if (valid) {
      write(out, "0\r\n\r\n");
      return new Wire(h, out.toByteArray(), false);
    }
    String[] endings = {"zz\r\n", "ffffffffffffffff\r\nab", "5\r\nab", "-1\r\n", "4;x=\"\r\n"};
    write(out, endings[random.nextInt(endings.length)]);
    return new Wire(h, out.toByteArray(), true);
  }

  private static Wire badLength(List<String> h, byte[] body, Random random) {
    String[] lengths = {"-1", "abc", "99999999999999999999", "1, 2", "0x10", " ", "+5"};
    h.add("Content-Length: " + lengths[random.nextInt(lengths.length)]);
    if (random.nextBoolean()) {
      h.add("Content-Length: " + body.length);
    }
    return new Wire(h, body, true);
  }

  private static Wire encoded(List<String> h, byte[] gz) {
    h.add("Content-Encoding: gzip");
    return lengthOf(h, gz, gz.length, false);
  }

  private static Wire charset(byte[] body, String contentType, Random random) {
    String[] charsets = {
      "utf-16",
      "UTF-16LE",
      "iso-8859-1",
      "latin1",
      "x-unknown",
      "bogus!",
      "\"utf-8\"",
      "UTF8",
      "utf-8;charset=koi8-r",
      "",
      "utf-32",
      "ebcdic-cp-us"
    };
    String ct = contentType + "; charset=" + charsets[random.nextInt(charsets.length)];
    List<String> h = new ArrayList<>(List.of("Content-Type: " + ct));
    return lengthOf(h, body, body.length, false);
  }

  private static Wire contentType(byte[] body, Random random) {
    String[] types = {
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "application/json-patch+json",
      "*/*",
      ";;;",
      "application/json\u0000"
    };
    List<String> h = new ArrayList<>();
    if (random.nextInt(4) > 0) {
      h.add("Content-Type: " + types[random.nextInt(types.length)]);
    }
    return lengthOf(h, body, body.length, false);
  }

  static String deepArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String deepObjects(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static byte[] gzip(byte[] block, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (int i = 0; i < times; i++) {
        gz.write(block);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
