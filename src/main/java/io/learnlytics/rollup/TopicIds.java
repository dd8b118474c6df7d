package io.learnlytics.rollup;

import java.util.HashMap;

/**
 * Reads a {@code topic_ids} column: comma-separated topic ids, or NULL for none. The same few
 * values repeat across millions of rows, so parsed arrays are cached (boundedly) by their text.
 */
final class TopicIds {
  private static final int[] NONE = new int[0];
  private static final int CACHE_LIMIT = 10_000;

  private final HashMap<String, int[]> cache = new HashMap<>();

  int[] parse(String csv) {
    if (csv == null || csv.isEmpty()) {
      return NONE;
    }
    int[] ids = cache.get(csv);
    if (ids == null) {
      ids = split(csv);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(csv, ids);
    }
    return ids;
  }

  static int[] split(String csv) {
    int n = 1;
    for (int i = 0; i < csv.length(); i++) {
      if (csv.charAt(i) == ',') {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    int v = 0;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == ',') {
        out[k++] = v;
        v = 0;
      } else {
        v = v * 10 + (c - '0');
      }
    }
    out[k] = v;
    return out;
  }
}
