package io.learnlytics.export.json;

/** Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b, int off, int end) {
    int i = off;
    while (i < end) {
      int n = sequenceLength(b, i, end);
      if (n < 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** The length of the well-formed sequence at {@code b[i]}, or -1. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int n = continuationBytes(c);
    if (n == 0 || i + n >= end) {
      return -1; // not a lead byte, or cut short
    }
    int second = b[i + 1] & 0xff;
    if (second < secondMin(c) || second > secondMax(c)) {
      return -1;
    }
    for (int k = 2; k <= n; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return -1;
      }
    }
    return n + 1;
  }

  /** Bytes after lead byte {@code c}; 0 when it cannot lead. */
  private static int continuationBytes(int c) {
    if (c >= 0xc2 && c <= 0xdf) {
      return 1;
    }
    if (c >= 0xe0 && c <= 0xef) {
      return 2;
    }
    return c >= 0xf0 && c <= 0xf4 ? 3 : 0;
  }

  private static int secondMin(int c) {
    return c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80; // no overlong forms
  }

  private static int secondMax(int c) {
    return c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf; // no surrogates, nothing above U+10FFFF
  }
}
