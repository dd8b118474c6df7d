package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A streaming JSON writer whose output is canonical by RFC 8785 (JCS): no whitespace, strings
 * escaped as ECMAScript's {@code JSON.stringify} does, numbers as ECMAScript prints them, and
 * object members in the order of the UTF-16 code units of their names ({@link String#compareTo}).
 *
 * <p>Members written one by one through {@link #name} must come in that order — the writer checks
 * and throws rather than emit a document whose checksum nobody could reproduce. Trees and maps
 * ({@link #tree}, {@link #map}) are sorted by the writer. Bytes are buffered and handed to the sink
 * in blocks of 64 KiB, so memory stays flat however long the document.
 */
final class CanonicalWriter implements Closeable {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** Largest magnitude below which every long is exactly a double, printed as its digits. */
  private static final long EXACT = 1L << 53;

  /** Encoded member names: the same few dozen names are written millions of times. */
  private static final int NAME_CACHE_LIMIT = 1024;

  private final HashMap<String, byte[]> names = new HashMap<>();
  private final OutputStream sink;
  private final byte[] buf = new byte[1 << 16];
  private int pos;

  /** Per open container: is it an object, has it a member yet, the last member name. */
  private boolean[] isObject = new boolean[16];

  private boolean[] hasItem = new boolean[16];
  private String[] lastName = new String[16];
  private int depth;
  private boolean afterName;

  CanonicalWriter(OutputStream sink) {
    this.sink = sink;
  }

  CanonicalWriter beginObject() throws IOException {
    beforeValue();
    push(true);
    put('{');
    return this;
  }

  CanonicalWriter endObject() throws IOException {
    pop(true);
    put('}');
    return this;
  }

  CanonicalWriter beginArray() throws IOException {
    beforeValue();
    push(false);
    put('[');
    return this;
  }

  CanonicalWriter endArray() throws IOException {
    pop(false);
    put(']');
    return this;
  }

  /** Starts the member {@code name} of the current object; names must ascend in UTF-16 order. */
  CanonicalWriter name(String name) throws IOException {
    if (depth == 0 || !isObject[depth - 1] || afterName) {
      throw new IllegalStateException("a member name belongs directly inside an object: " + name);
    }
    String last = lastName[depth - 1];
    if (last != null && last.compareTo(name) >= 0) {
      throw new IllegalStateException(
          "member '" + name + "' written after '" + last + "': JCS needs sorted names");
    }
    if (hasItem[depth - 1]) {
      put(',');
    }
    hasItem[depth - 1] = true;
    lastName[depth - 1] = name;
    byte[] encoded = names.get(name);
    if (encoded == null) {
      encoded = Jcs.canonicalize(TextNode.valueOf(name));
      if (names.size() < NAME_CACHE_LIMIT) {
        names.put(name, encoded);
      }
    }
    raw(encoded);
    put(':');
    afterName = true;
    return this;
  }

  CanonicalWriter string(String s) throws IOException {
    if (s == null) {
      return nul();
    }
    beforeValue();
    writeString(s);
    return this;
  }

  CanonicalWriter number(long v) throws IOException {
    if (v >= EXACT || v <= -EXACT) {
      return number((double) v); // JCS numbers are doubles
    }
    beforeValue();
    ascii(Long.toString(v));
    return this;
  }

  CanonicalWriter number(double v) throws IOException {
    beforeValue();
    if (buf.length - pos < Jcs.FAST_MAX_LENGTH) {
      drain();
    }
    int end = Jcs.fastNumber(v, buf, pos);
    if (end >= 0) {
      pos = end;
    } else {
      ascii(Jcs.number(v));
    }
    return this;
  }

  /** A nullable double: {@code null} or the number. */
  CanonicalWriter number(Double v) throws IOException {
    return v == null ? nul() : number(v.doubleValue());
  }

  /** A string given as its UTF-8 bytes {@code b[off, off + len)}. */
  CanonicalWriter utf8(byte[] b, int off, int len) throws IOException {
    beforeValue();
    writeUtf8(b, off, len);
    return this;
  }

  /** Text column {@code column} of a packed row: a string, or null. */
  CanonicalWriter string(PackedRow row, int column) throws IOException {
    return row.isNull(column) ? nul() : utf8(row.data(), row.offset(column), row.length(column));
  }

  /** A timestamp string in the ingest format (see {@link Times}). */
  CanonicalWriter timestamp(long epochMs, int offsetSeconds) throws IOException {
    beforeValue();
    if (buf.length - pos < Times.MAX_LENGTH + 2) {
      drain();
    }
    int start = pos;
    buf[pos++] = '"';
    int end = Times.write(buf, pos, epochMs, offsetSeconds);
    if (end < 0) {
      pos = start;
      writeString(Times.iso(epochMs, offsetSeconds));
    } else {
      pos = end;
      buf[pos++] = '"';
    }
    return this;
  }

  /** A value that is already canonical JSON (such as a cached {@link Jcs#canonicalize} result). */
  CanonicalWriter canonical(byte[] value) throws IOException {
    beforeValue();
    raw(value);
    return this;
  }

  CanonicalWriter bool(boolean b) throws IOException {
    beforeValue();
    raw(b ? TRUE : FALSE);
    return this;
  }

  CanonicalWriter nul() throws IOException {
    beforeValue();
    raw(NULL);
    return this;
  }

  /** A JSON tree, with the members of every object sorted. */
  CanonicalWriter tree(JsonNode n) throws IOException {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return nul();
    }
    if (n.isObject()) {
      String[] names = new String[n.size()];
      Iterator<String> it = n.fieldNames();
      for (int i = 0; i < names.length; i++) {
        names[i] = it.next();
      }
      Arrays.sort(names);
      beginObject();
      for (String name : names) {
        name(name).tree(n.get(name));
      }
      return endObject();
    }
    if (n.isArray()) {
      beginArray();
      for (JsonNode item : n) {
        tree(item);
      }
      return endArray();
    }
    if (n.isTextual()) {
      return string(n.textValue());
    }
    if (n.isBoolean()) {
      return bool(n.booleanValue());
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return number(n.longValue());
    }
    if (n.isNumber()) {
      return number(n.doubleValue());
    }
    throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
  }

  /** A map as an object with sorted members; values may be strings, numbers, booleans or null. */
  CanonicalWriter map(Map<String, ?> m) throws IOException {
    List<String> names = new ArrayList<>(m.keySet());
    names.sort(null);
    beginObject();
    for (String name : names) {
      name(name);
      Object v = m.get(name);
      if (v == null) {
        nul();
      } else if (v instanceof String s) {
        string(s);
      } else if (v instanceof Long || v instanceof Integer) {
        number(((Number) v).longValue());
      } else if (v instanceof Number num) {
        number(num.doubleValue());
      } else if (v instanceof Boolean b) {
        bool(b);
      } else {
        throw new IllegalArgumentException("unsupported map value " + v.getClass());
      }
    }
    return endObject();
  }

  /** Hands what is buffered to the sink (and flushes it). */
  void flush() throws IOException {
    drain();
    sink.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private void beforeValue() throws IOException {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (isObject[depth - 1]) {
        throw new IllegalStateException("a value inside an object needs a member name first");
      }
      if (hasItem[depth - 1]) {
        put(',');
      }
      hasItem[depth - 1] = true;
    }
  }

  private void push(boolean object) {
    if (depth == isObject.length) {
      isObject = Arrays.copyOf(isObject, depth * 2);
      hasItem = Arrays.copyOf(hasItem, depth * 2);
      lastName = Arrays.copyOf(lastName, depth * 2);
    }
    isObject[depth] = object;
    hasItem[depth] = false;
    lastName[depth] = null;
    depth++;
  }

  private void pop(boolean object) {
    if (depth == 0 || isObject[depth - 1] != object || afterName) {
      throw new IllegalStateException("unbalanced " + (object ? "object" : "array"));
    }
    depth--;
  }

  /**
   * Writes a string as JSON.stringify does, in UTF-8: {@code "} and {@code \} escaped, control
   * characters as {@code \b \t \n \f \r} or {@code \}{@code u00xx} (lowercase hex), everything else
   * as itself. A lone surrogate, which UTF-8 cannot hold, is written as a {@code \}{@code uXXXX}
   * escape (as ECMAScript 2019's well-formed JSON.stringify does).
   */
  private void writeString(String s) throws IOException {
    int len = s.length();
    if (len * 6 + 2 <= buf.length - pos || (drainIfSmall(len) && len * 6 + 2 <= buf.length)) {
      writeStringUnchecked(s, len); // room for the worst case: no bounds checks per character
      return;
    }
    put('"');
    for (int i = 0; i < len; i++) {
      if (buf.length - pos < 8) {
        drain();
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          buf[pos++] = (byte) c;
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xf0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    put('"');
  }

  /**
   * Writes a string given as UTF-8 bytes, escaping as {@link #writeString} does, without decoding
   * it: only ASCII bytes ever need escaping, and every other byte of valid UTF-8 is copied. Bytes
   * that are not valid UTF-8 (which our ingest never stores) are decoded with replacement
   * characters instead, as the JDBC driver's getString would.
   */
  private void writeUtf8(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    if (!Utf8.isValid(b, off, end)) {
      writeString(new String(b, off, len, StandardCharsets.UTF_8));
      return;
    }
    put('"');
    int run = off; // start of bytes not yet copied
    for (int i = off; i < end; i++) {
      int c = b[i];
      if (c >= 0x20 ? c == '"' || c == '\\' : c >= 0) { // negative: a UTF-8 multi-byte byte
        copy(b, run, i - run);
        if (buf.length - pos < 8) {
          drain();
        }
        escape((char) c);
        run = i + 1;
      }
    }
    copy(b, run, end - run);
    put('"');
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

  /** Drains the buffer when a string of {@code len} chars could then fit; says whether it did. */
  private boolean drainIfSmall(int len) throws IOException {
    if (len * 6 + 2 <= buf.length) {
      drain();
      return true;
    }
    return false;
  }

  /** {@link #writeString} when the buffer has room for six bytes per character and quotes. */
  private void writeStringUnchecked(String s, int len) {
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
        b[p++] = (byte) c;
      } else if (c < 0x80) {
        pos = p;
        escape(c);
        p = pos;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        pos = p;
        unicodeEscape(c);
        p = pos;
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[p++] = '"';
    pos = p;
  }

  private void escape(char c) {
    buf[pos++] = '\\';
    switch (c) {
      case '"' -> buf[pos++] = '"';
      case '\\' -> buf[pos++] = '\\';
      case '\b' -> buf[pos++] = 'b';
      case '\t' -> buf[pos++] = 't';
      case '\n' -> buf[pos++] = 'n';
      case '\f' -> buf[pos++] = 'f';
      case '\r' -> buf[pos++] = 'r';
      default -> {
        pos--;
        unicodeEscape(c);
      }
    }
  }

  private void unicodeEscape(char c) {
    buf[pos++] = '\\';
    buf[pos++] = 'u';
    buf[pos++] = HEX[(c >> 12) & 0xf];
    buf[pos++] = HEX[(c >> 8) & 0xf];
    buf[pos++] = HEX[(c >> 4) & 0xf];
    buf[pos++] = HEX[c & 0xf];
  }

  private void ascii(String s) throws IOException {
    int n = s.length();
    if (buf.length - pos < n) {
      drain();
    }
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void raw(byte[] b) throws IOException {
    copy(b, 0, b.length);
  }

  private void put(char c) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) c;
  }

  private void drain() throws IOException {
    if (pos > 0) {
      sink.write(buf, 0, pos);
      pos = 0;
    }
  }
}
