package io.learnlytics.export.source;

import io.learnlytics.store.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row read from SQLite with its text and integer columns packed into a single string.
 *
 * <p>Why: the SQLite JDBC driver crosses into native code for every column it returns, at about 250
 * ns a call; for a year of exchanges (200 000 rows of 9 columns) that was more than half of the
 * export's time. So SQLite itself concatenates each row's columns into one value — a header of byte
 * lengths ({@code -1} for NULL), a colon, then the values' UTF-8 bytes back to back ({@link
 * #select}) — which the driver returns in one call and which is split here without decoding. REAL
 * columns are read as separate columns after the packed one: SQLite's text form of a double keeps
 * only 15 digits, and re-parsing a round-trip form costs more than the call.
 */
public final class PackedRow {
  /** Takes the rows of a packed query one at a time. */
  public interface Handler {
    void accept(PackedRow row) throws SQLException, IOException;
  }

  private final byte[] data;
  private final int[] off;
  private final int[] len;
  private final double[] reals;

  private PackedRow(byte[] data, int[] off, int[] len, double[] reals) {
    this.data = data;
    this.off = off;
    this.len = len;
    this.reals = reals;
  }

  /**
   * The SQL that returns, per row, the packed value of {@code columns} (text or integer
   * expressions), built by one {@code concat} (which, unlike {@code printf}, keeps NUL characters),
   * and then each of {@code reals}. A NULL real is read as -1: every REAL column exported (quality
   * dimensions, relation strength) is constrained to 0..1.
   */
  static String select(Dialect dialect, List<String> columns, List<String> reals, String from) {
    StringBuilder sql = new StringBuilder("SELECT concat(");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ',', ")
          .append("coalesce(octet_length(")
          .append(dialect.asText(columns.get(i)))
          .append("), -1)");
    }
    sql.append(", ':'");
    for (String c : columns) {
      sql.append(", ").append(c); // concat() skips NULLs
    }
    sql.append(')');
    for (String r : reals) {
      sql.append(", coalesce(").append(r).append(", -1)");
    }
    return sql.append(' ').append(from).toString();
  }

  /** Splits a packed value of {@code columns} columns; {@code reals} as read (NaN for NULL). */
  static PackedRow parse(byte[] data, int columns, double[] reals) {
    int[] len = new int[columns];
    int p = lengths(data, len);
    int[] off = new int[columns];
    for (int i = 0; i < columns; i++) {
      off[i] = p;
      if (len[i] > 0) {
        p += len[i];
      }
    }
    if (p != data.length) {
      throw new IllegalStateException("a packed row is " + data.length + " bytes, expected " + p);
    }
    return new PackedRow(data, off, len, reals);
  }

  /** Reads the header of byte lengths into {@code len}; returns the position after its colon. */
  private static int lengths(byte[] data, int[] len) {
    int p = 0;
    for (int i = 0; i < len.length; i++) {
      boolean negative = data[p] == '-';
      if (negative) {
        p++;
      }
      int v = 0;
      while (data[p] >= '0' && data[p] <= '9') {
        v = v * 10 + (data[p++] - '0');
      }
      len[i] = negative ? -v : v;
      p++; // ',' or ':'
    }
    return p;
  }

  public boolean isNull(int column) {
    return len[column] < 0;
  }

  /** An integer column. */
  public long longAt(int column) {
    int p = off[column];
    int end = p + len[column];
    boolean negative = data[p] == '-';
    if (negative) {
      p++;
    }
    long v = 0;
    while (p < end) {
      v = v * 10 + (data[p++] - '0');
    }
    return negative ? -v : v;
  }

  public int intAt(int column) {
    return (int) longAt(column);
  }

  /** A text column, or null. */
  public @Nullable String string(int column) {
    return isNull(column)
        ? null
        : new String(data, off[column], len[column], StandardCharsets.UTF_8);
  }

  /** The i-th REAL column, or null. */
  public @Nullable Double real(int i) {
    double v = reals[i];
    return v < 0 ? null : v;
  }

  public byte[] data() {
    return data;
  }

  public int offset(int column) {
    return off[column];
  }

  public int length(int column) {
    return len[column];
  }
}
