package io.learnlytics.export;

/** Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b, int off, int end) {
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      int max = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = c == 0xe0 ? 0xa0 : 0x80; // no overlong forms
        max = c == 0xed ? 0x9f : 0xbf; // no surrogates
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = c == 0xf0 ? 0x90 : 0x80;
        max = c == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
      } else {
        return false;
      }
      if (i + n >= end) {
        return false; // cut short
      }
      int second = b[i + 1] & 0xff;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k <= n; k++) {
        if ((b[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += n + 1;
    }
    return true;
  }
}
