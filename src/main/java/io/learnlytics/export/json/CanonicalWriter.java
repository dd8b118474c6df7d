package io.learnlytics.export.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.learnlytics.export.Times;
import io.learnlytics.export.source.PackedRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
public final class CanonicalWriter implements Closeable {
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** Largest magnitude below which every long is exactly a double, printed as its digits. */
  private static final long EXACT = 1L << 53;

  /** Encoded member names: the same few dozen names are written millions of times. */
  private static final int NAME_CACHE_LIMIT = 1024;

  private final HashMap<String, byte[]> names = new HashMap<>();
  private final JsonBuffer out;

  /** Per open container: is it an object, has it a member yet, the last member name. */
  private boolean[] isObject = new boolean[16];

  private boolean[] hasItem = new boolean[16];
  private String[] lastName = new String[16];
  private int depth;
  private boolean afterName;

  public CanonicalWriter(OutputStream sink) {
    this.out = new JsonBuffer(sink);
  }

  public CanonicalWriter beginObject() throws IOException {
    beforeValue();
    push(true);
    out.put('{');
    return this;
  }

  public CanonicalWriter endObject() throws IOException {
    pop(true);
    out.put('}');
    return this;
  }

  public CanonicalWriter beginArray() throws IOException {
    beforeValue();
    push(false);
    out.put('[');
    return this;
  }

  public CanonicalWriter endArray() throws IOException {
    pop(false);
    out.put(']');
    return this;
  }

  /** Starts the member {@code name} of the current object; names must ascend in UTF-16 order. */
  public CanonicalWriter name(String name) throws IOException {
    checkName(name);
    if (hasItem[depth - 1]) {
      out.put(',');
    }
    hasItem[depth - 1] = true;
    lastName[depth - 1] = name;
    out.raw(encodedName(name));
    out.put(':');
    afterName = true;
    return this;
  }

  public CanonicalWriter string(@Nullable String s) throws IOException {
    if (s == null) {
      return nul();
    }
    beforeValue();
    out.string(s);
    return this;
  }

  public CanonicalWriter number(long v) throws IOException {
    if (v >= EXACT || v <= -EXACT) {
      return number((double) v); // JCS numbers are doubles
    }
    beforeValue();
    out.ascii(Long.toString(v));
    return this;
  }

  public CanonicalWriter number(double v) throws IOException {
    beforeValue();
    out.room(Jcs.FAST_MAX_LENGTH);
    int end = Jcs.fastNumber(v, out.buf, out.pos);
    if (end >= 0) {
      out.pos = end;
    } else {
      out.ascii(Jcs.number(v));
    }
    return this;
  }

  /** A nullable double: {@code null} or the number. */
  public CanonicalWriter number(@Nullable Double v) throws IOException {
    return v == null ? nul() : number(v.doubleValue());
  }

  /** A string given as its UTF-8 bytes {@code b[off, off + len)}. */
  CanonicalWriter utf8(byte[] b, int off, int len) throws IOException {
    beforeValue();
    out.utf8(b, off, len);
    return this;
  }

  /** Text column {@code column} of a packed row: a string, or null. */
  CanonicalWriter string(PackedRow row, int column) throws IOException {
    return row.isNull(column) ? nul() : utf8(row.data(), row.offset(column), row.length(column));
  }

  /** A timestamp string in the ingest format (see {@link Times}). */
  CanonicalWriter timestamp(long epochMs, int offsetSeconds) throws IOException {
    beforeValue();
    out.room(Times.MAX_LENGTH + 2);
    int end = Times.write(out.buf, out.pos + 1, epochMs, offsetSeconds);
    if (end < 0) {
      out.string(Times.iso(epochMs, offsetSeconds));
    } else {
      out.buf[out.pos] = '"';
      out.buf[end] = '"';
      out.pos = end + 1;
    }
    return this;
  }

  /** A value that is already canonical JSON (such as a cached {@link Jcs#canonicalize} result). */
  CanonicalWriter canonical(byte[] value) throws IOException {
    beforeValue();
    out.raw(value);
    return this;
  }

  public CanonicalWriter bool(boolean b) throws IOException {
    beforeValue();
    out.raw(b ? TRUE : FALSE);
    return this;
  }

  public CanonicalWriter nul() throws IOException {
    beforeValue();
    out.raw(NULL);
    return this;
  }

  /** A JSON tree, with the members of every object sorted. */
  public CanonicalWriter tree(@Nullable JsonNode n) throws IOException {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return nul();
    }
    if (n.isObject()) {
      return object(n);
    }
    if (n.isArray()) {
      return array(n);
    }
    return scalar(n);
  }

  /** A map as an object with sorted members; values may be strings, numbers, booleans or null. */
  public CanonicalWriter map(Map<String, ?> m) throws IOException {
    List<String> names = new ArrayList<>(m.keySet());
    names.sort(null);
    beginObject();
    for (String name : names) {
      name(name);
      value(m.get(name));
    }
    return endObject();
  }

  /** Hands what is buffered to the sink (and flushes it). */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private CanonicalWriter object(JsonNode n) throws IOException {
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

  private CanonicalWriter array(JsonNode n) throws IOException {
    beginArray();
    for (JsonNode item : n) {
      tree(item);
    }
    return endArray();
  }

  private CanonicalWriter scalar(JsonNode n) throws IOException {
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

  private CanonicalWriter value(@Nullable Object v) throws IOException {
    if (v == null) {
      return nul();
    }
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Long || v instanceof Integer) {
      return number(((Number) v).longValue());
    }
    if (v instanceof Number num) {
      return number(num.doubleValue());
    }
    if (v instanceof Boolean b) {
      return bool(b);
    }
    throw new IllegalArgumentException("unsupported map value " + v.getClass());
  }

  private void checkName(String name) {
    if (depth == 0 || !isObject[depth - 1] || afterName) {
      throw new IllegalStateException("a member name belongs directly inside an object: " + name);
    }
    String last = lastName[depth - 1];
    if (last != null && last.compareTo(name) >= 0) {
      throw new IllegalStateException(
          "member '" + name + "' written after '" + last + "': JCS needs sorted names");
    }
  }

  private byte[] encodedName(String name) {
    byte[] encoded = names.get(name);
    if (encoded == null) {
      encoded = Jcs.canonicalize(TextNode.valueOf(name));
      if (names.size() < NAME_CACHE_LIMIT) {
        names.put(name, encoded);
      }
    }
    return encoded;
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
        out.put(',');
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
}
