package io.learnlytics.ingest;

import org.jspecify.annotations.Nullable;

/**
 * A 64-bit content hash of an event's normalised fields. Equal under one id means an idempotent
 * retry, different means a conflict, so it only has to tell apart two versions of the same event; a
 * fast non-cryptographic hash (FNV-1a over the UTF-16 chars, finished with the MurmurHash3 64-bit
 * mixer) does that with a negligible collision rate. Each part is length-prefixed so that no two
 * different field lists hash the same input.
 */
final class Fingerprint {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Fingerprint() {}

  static long of(@Nullable Object... parts) {
    long h = FNV_OFFSET;
    for (Object part : parts) {
      String s = part == null ? "\u0000null" : part.toString();
      h = mix(h, s.length());
      for (int i = 0; i < s.length(); i++) {
        h = mix(h, s.charAt(i));
      }
    }
    return finish(h);
  }

  private static long mix(long h, int value) {
    return (h ^ value) * FNV_PRIME;
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
