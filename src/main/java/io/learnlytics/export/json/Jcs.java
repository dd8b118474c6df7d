package io.learnlytics.export.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Canonicalization Scheme (RFC 8785) and the export checksum built on it (DESIGN.md §6
 * item 9): {@code "sha256:"} + lowercase hex SHA-256 of the UTF-8 bytes of the export document with
 * its top-level {@code checksum} member removed, serialized by JCS — object members sorted by the
 * UTF-16 code units of their names, no whitespace, strings escaped as ECMAScript's {@code
 * JSON.stringify} does, numbers formatted as ECMAScript's {@code Number.prototype.toString}.
 */
public final class Jcs {
  /** Below 2^52 two decimals {@code 10^-k} apart never round to the same double (see below). */
  private static final double FAST_LIMIT = 4503599627370496.0;

  /** Longest output of the fast path: sign, 16 digits, a point, leading zeros, slack. */
  static final int FAST_MAX_LENGTH = 32;

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  private Jcs() {}

  /** The canonical UTF-8 bytes of a JSON tree. */
  public static byte[] canonicalize(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CanonicalWriter w = new CanonicalWriter(out)) {
      w.tree(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The canonical text of a JSON tree. */
  public static String canonicalString(JsonNode node) {
    return new String(canonicalize(node), StandardCharsets.UTF_8);
  }

  /** {@code "sha256:"} + lowercase hex SHA-256 of {@code bytes}. */
  public static String checksum(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return checksum(digest);
  }

  /** {@code "sha256:"} + lowercase hex of what {@code digest} has hashed (which resets it). */
  public static String checksum(MessageDigest digest) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * A finite double as ECMAScript's {@code Number.prototype.toString} writes it (RFC 8785
   * §3.2.2.3): the shortest decimal that reads back as the same double, in plain notation from 1e-6
   * up to (not including) 1e21 and in exponent notation outside it; -0 is {@code 0}.
   *
   * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot hold
   */
  public static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(d + " is not a JSON number");
    }
    if (d == 0) {
      return "0";
    }
    String fast = fastNumber(d);
    return fast != null ? fast : slowNumber(d);
  }

  /**
   * The common case of a value with at most 9 decimals between 1e-6 and 2^52, such as a quality
   * score of 0.603: the smallest k for which {@code m / 10^k} (a correctly rounded division, so the
   * double nearest to the decimal) equals {@code d} gives the decimal with the fewest digits that
   * reads back as {@code d}. Below 2^52 the decimals {@code 10^-k} apart are farther apart than one
   * unit in the last place of {@code d}, so that decimal is also the only one of its length and
   * therefore the closest, as ECMAScript requires. Returns null when the fast path does not apply.
   */
  static @Nullable String fastNumber(double d) {
    byte[] b = new byte[FAST_MAX_LENGTH];
    int end = fastNumber(d, b, 0);
    return end < 0 ? null : new String(b, 0, end, StandardCharsets.US_ASCII);
  }

  /**
   * {@link #fastNumber(double)} written as ASCII at {@code b[p]} (room for {@link #FAST_MAX_LENGTH}
   * bytes needed); returns the position after it, or -1 (having written nothing) when the fast path
   * does not apply.
   */
  static int fastNumber(double d, byte[] b, int p) {
    double a = Math.abs(d);
    if (a < 1e-6 || a >= FAST_LIMIT) {
      return -1;
    }
    for (int k = 0; k < POW10.length; k++) {
      double scaled = a * POW10[k];
      if (scaled >= FAST_LIMIT) {
        return -1;
      }
      long m = Math.round(scaled);
      // Cheap filter first: when m / 10^k is a, scaled is within a few ulps of m.
      if (Math.abs(scaled - m) <= scaled * 1e-12 && (double) m / POW10[k] == a) {
        return decimal(b, p, d < 0, m, k);
      }
    }
    return -1;
  }

  /** Writes {@code m / 10^k}, negated if asked, as ASCII at {@code b[p]}; returns the end. */
  private static int decimal(byte[] b, int p, boolean negative, long m, int k) {
    if (negative) {
      b[p++] = '-';
    }
    p = digits(b, p, m / POW10[k], 1);
    if (k > 0) {
      b[p++] = '.';
      p = digits(b, p, m % POW10[k], k);
    }
    return p;
  }

  /** The decimal digits of {@code v} (>= 0), left-padded with zeros to {@code width}. */
  private static int digits(byte[] b, int p, long v, int width) {
    int n = 1;
    for (long t = v / 10; t > 0; t /= 10) {
      n++;
    }
    n = Math.max(n, width);
    for (int i = p + n - 1; i >= p; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return p + n;
  }

  /**
   * The general case: the shortest round-tripping digits from the Schubfach algorithm (Jackson's
   * copy of the one in JDK 19's {@code Double.toString}; JDK 17's is not always shortest), laid out
   * by the rules of ECMAScript's Number::toString.
   */
  static String slowNumber(double d) {
    String java = DoubleToDecimal.toString(d); // e.g. "1.0E-7", "-3.3333333333333335E-6", "0.001"
    boolean negative = java.charAt(0) == '-';
    Decimal x = Decimal.parse(java.substring(negative ? 1 : 0)).trimmed();
    if (x.digits().length() == 2) {
      // Java's format keeps at least two significant digits (4.9E-324 for Double.MIN_VALUE);
      // ECMAScript wants one when one reads back as the same double (5e-324).
      x = x.shortened(Math.abs(d));
    }
    return (negative ? "-" : "") + layout(x.digits(), x.n());
  }

  /** The value {@code 0.digits × 10^n}. */
  private record Decimal(String digits, int n) {
    /** From Java's format of a positive double, such as {@code 1.0E-7} or {@code 0.001}. */
    static Decimal parse(String java) {
      int e = java.indexOf('E');
      String mantissa = e < 0 ? java : java.substring(0, e);
      int exp = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
      int dot = mantissa.indexOf('.');
      String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      return new Decimal(digits, (dot < 0 ? mantissa.length() : dot) + exp);
    }

    /** Without leading zeros (but one digit at least) and trailing zeros. */
    Decimal trimmed() {
      int lead = 0;
      while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
        lead++;
      }
      int end = digits.length();
      while (end > lead + 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Decimal(digits.substring(lead, end), n - lead);
    }

    /** One digit instead of two when one reads back as {@code a}. */
    Decimal shortened(double a) {
      String one = oneDigit(a, digits, n);
      if (one == null) {
        return this;
      }
      return new Decimal(one.substring(0, 1), one.length() == 2 ? n + 1 : n); // "10": next power
    }
  }

  /**
   * The one-digit decimal nearest to {@code a} (of the two around {@code 0.digits × 10^n}) if one
   * reads back as {@code a}: its digit, or "10" when that is the next power of ten; else null.
   */
  private static @Nullable String oneDigit(double a, String digits, int n) {
    BigDecimal exact = new BigDecimal(a);
    int low = digits.charAt(0) - '0';
    String best = null;
    BigDecimal bestDistance = null;
    for (int digit = low; digit <= low + 1; digit++) {
      BigDecimal candidate = BigDecimal.valueOf(digit).scaleByPowerOfTen(n - 1);
      if (candidate.doubleValue() != a) {
        continue;
      }
      BigDecimal distance = candidate.subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        best = Integer.toString(digit);
        bestDistance = distance;
      }
    }
    return best;
  }

  /** ECMAScript Number::toString steps 6-10 for digits s (k of them) and value 0.s × 10^n. */
  private static String layout(String s, int n) {
    int k = s.length();
    StringBuilder sb = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      sb.append(s);
      for (int i = 0; i < n - k; i++) {
        sb.append('0');
      }
    } else if (0 < n && n <= 21) {
      sb.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.");
      for (int i = 0; i < -n; i++) {
        sb.append('0');
      }
      sb.append(s);
    } else {
      int exponent = n - 1;
      sb.append(s.charAt(0));
      if (k > 1) {
        sb.append('.').append(s, 1, k);
      }
      sb.append('e').append(exponent >= 0 ? '+' : '-').append(Math.abs(exponent));
    }
    return sb.toString();
  }
}
