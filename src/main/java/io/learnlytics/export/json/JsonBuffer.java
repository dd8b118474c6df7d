package io.learnlytics.export.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The output of a {@link CanonicalWriter}: bytes buffered and handed to the sink in blocks of 64
 * KiB, and JSON strings encoded straight into the buffer. Strings are escaped as ECMAScript's
 * {@code JSON.stringify} does, in UTF-8: {@code "} and {@code \} escaped, control characters as
 * {@code \b \t \n \f \r} or {@code \}{@code u00xx} (lowercase hex), everything else as itself. A
 * lone surrogate, which UTF-8 cannot hold, is written as a {@code \}{@code uXXXX} escape (as
 * ECMAScript 2019's well-formed JSON.stringify does).
 */
final class JsonBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Room for the longest encoding of one character (an escape) or surrogate pair. */
  private static final int CHAR_ROOM = 8;

  final byte[] buf = new byte[1 << 16];
  int pos;
  private final OutputStream sink;

  JsonBuffer(OutputStream sink) {
    this.sink = sink;
  }

  /** Makes room for {@code n} bytes (at most the buffer size) at {@link #pos}. */
  void room(int n) throws IOException {
    if (buf.length - pos < n) {
      drain();
    }
  }

  void put(char c) throws IOException {
    room(1);
    buf[pos++] = (byte) c;
  }

  void raw(byte[] b) throws IOException {
    copy(b, 0, b.length);
  }

  /** A string of ASCII characters, such as a number, as they are. */
  void ascii(String s) throws IOException {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  /** A quoted, escaped JSON string. */
  void string(String s) throws IOException {
    put('"');
    int len = s.length();
    for (int i = 0; i < len; i++) {
      room(CHAR_ROOM);
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        pos = codePoint(buf, pos, Character.toCodePoint(c, s.charAt(++i)));
      } else {
        pos = character(buf, pos, c);
      }
    }
    put('"');
  }

  /**
   * A quoted, escaped JSON string given as UTF-8 bytes, without decoding it: only ASCII bytes ever
   * need escaping, and every other byte of valid UTF-8 is copied. Bytes that are not valid UTF-8
   * (which our ingest never stores) are decoded with replacement characters instead, as the JDBC
   * driver's getString would.
   */
  void utf8(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    if (!Utf8.isValid(b, off, end)) {
      string(new String(b, off, len, StandardCharsets.UTF_8));
      return;
    }
    put('"');
    int run = off; // start of bytes not yet copied
    for (int i = off; i < end; i++) {
      int c = b[i];
      if (c >= 0x20 ? c == '"' || c == '\\' : c >= 0) { // negative: a UTF-8 multi-byte byte
        copy(b, run, i - run);
        room(CHAR_ROOM);
        pos = escape(buf, pos, (char) c);
        run = i + 1;
      }
    }
    copy(b, run, end - run);
    put('"');
  }

  /** Hands what is buffered to the sink (and flushes it). */
  void flush() throws IOException {
    drain();
    sink.flush();
  }

  void drain() throws IOException {
    if (pos > 0) {
      sink.write(buf, 0, pos);
      pos = 0;
    }
  }

  private void copy(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (pos == buf.length) {
        drain();
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(b, off, buf, pos, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** Encodes one UTF-16 character that is not half of a surrogate pair at {@code b[p]}. */
  private static int character(byte[] b, int p, char c) {
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\') {
        b[p++] = (byte) c;
        return p;
      }
      return escape(b, p, c);
    }
    if (c < 0x800) {
      b[p++] = (byte) (0xc0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3f));
      return p;
    }
    if (Character.isSurrogate(c)) {
      return unicodeEscape(b, p, c);
    }
    b[p++] = (byte) (0xe0 | (c >> 12));
    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
    b[p++] = (byte) (0x80 | (c & 0x3f));
    return p;
  }

  /** Encodes a supplementary code point (from a surrogate pair) at {@code b[p]}. */
  private static int codePoint(byte[] b, int p, int cp) {
    b[p++] = (byte) (0xf0 | (cp >> 18));
    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
    b[p++] = (byte) (0x80 | (cp & 0x3f));
    return p;
  }

  /**
   * The JSON escape of an ASCII character: a short one where JSON has it, else a {@code \}u one.
   */
  private static int escape(byte[] b, int p, char c) {
    char shortForm =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\b' -> 'b';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\f' -> 'f';
          case '\r' -> 'r';
          default -> 0;
        };
    if (shortForm == 0) {
      return unicodeEscape(b, p, c);
    }
    b[p++] = '\\';
    b[p++] = (byte) shortForm;
    return p;
  }

  private static int unicodeEscape(byte[] b, int p, char c) {
    b[p++] = '\\';
    b[p++] = 'u';
    b[p++] = HEX[(c >> 12) & 0xf];
    b[p++] = HEX[(c >> 8) & 0xf];
    b[p++] = HEX[(c >> 4) & 0xf];
    b[p++] = HEX[c & 0xf];
    return p;
  }
}
