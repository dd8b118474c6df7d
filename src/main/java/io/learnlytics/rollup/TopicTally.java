package io.learnlytics.rollup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-topic counts of one bucket, keyed by topic id ({@code topic_names}): exchanges mentioning the
 * topic, sessions (started in the bucket) mentioning it, and the count and sum of the composite
 * quality of scores whose exchange mentions it. An open-addressing table of parallel arrays: a
 * rollup adds millions of mentions, and boxed sorted maps of names cost more than the rest of the
 * aggregation. Names are attached only when a row is computed ({@link #mentions(String[])}).
 */
final class TopicTally {
  private int[] keys; // 0 = empty slot (ids start at 1)
  private long[] mentions;
  private long[] sessions;
  private long[] qualityCount;
  private double[] qualitySum;
  private int size;

  TopicTally() {
    allocate(8);
  }

  int size() {
    return size;
  }

  // slot() may grow the arrays: take the slot first, then the (possibly new) array.
  void addMention(int id) {
    int s = slot(id);
    mentions[s]++;
  }

  void addSession(int id) {
    int s = slot(id);
    sessions[s]++;
  }

  void addQuality(int id, double composite) {
    int s = slot(id);
    qualityCount[s]++;
    qualitySum[s] += composite;
  }

  void merge(TopicTally o) {
    for (int i = 0; i < o.keys.length; i++) {
      if (o.keys[i] != 0) {
        int s = slot(o.keys[i]); // before reading the arrays: it may grow them
        mentions[s] += o.mentions[i];
        sessions[s] += o.sessions[i];
        qualityCount[s] += o.qualityCount[i];
        qualitySum[s] += o.qualitySum[i];
      }
    }
  }

  /** Topics mentioned at least once, by name (sorted), with their mention counts. */
  TreeMap<String, Long> mentions(String[] names) {
    return counts(names, mentions);
  }

  /** Topics of at least one session started here, by name, with their session counts. */
  TreeMap<String, Long> sessions(String[] names) {
    return counts(names, sessions);
  }

  /** Topics with at least one score, by name, with the scores' count and sum. */
  TreeMap<String, TopicQuality> quality(String[] names) {
    TreeMap<String, TopicQuality> out = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && qualityCount[i] > 0) {
        out.put(names[keys[i]], new TopicQuality(qualityCount[i], qualitySum[i]));
      }
    }
    return out;
  }

  private TreeMap<String, Long> counts(String[] names, long[] values) {
    TreeMap<String, Long> out = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && values[i] > 0) {
        out.put(names[keys[i]], values[i]);
      }
    }
    return out;
  }

  /** The slot of {@code id}, added (with zero counts) when absent. */
  private int slot(int id) {
    int mask = keys.length - 1;
    int i = mix(id) & mask;
    while (keys[i] != 0) {
      if (keys[i] == id) {
        return i;
      }
      i = (i + 1) & mask;
    }
    if ((size + 1) * 4 > keys.length * 3) {
      grow();
      return slot(id);
    }
    keys[i] = id;
    size++;
    return i;
  }

  private static int mix(int id) {
    return id * 0x9E3779B9 >>> 7;
  }

  private void grow() {
    int[] k = keys;
    long[] m = mentions;
    long[] s = sessions;
    long[] qc = qualityCount;
    double[] qs = qualitySum;
    allocate(k.length * 2);
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != 0) {
        int j = slot(k[i]);
        mentions[j] = m[i];
        sessions[j] = s[i];
        qualityCount[j] = qc[i];
        qualitySum[j] = qs[i];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    mentions = new long[capacity];
    sessions = new long[capacity];
    qualityCount = new long[capacity];
    qualitySum = new double[capacity];
  }

  /** Stored in day states as parallel arrays: {@code {"id":[..],"m":[..],"s":[..],...}}. */
  @JsonValue
  Map<String, Object> toJson() {
    int[] id = new int[size];
    long[] m = new long[size];
    long[] s = new long[size];
    long[] qc = new long[size];
    double[] qs = new double[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        id[n] = keys[i];
        m[n] = mentions[i];
        s[n] = sessions[i];
        qc[n] = qualityCount[i];
        qs[n] = qualitySum[i];
        n++;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("m", m);
    out.put("s", s);
    out.put("qc", qc);
    out.put("qs", qs);
    return out;
  }

  @JsonCreator
  static TopicTally fromJson(Map<String, Object> json) {
    TopicTally t = new TopicTally();
    int[] id = ints(json.get("id"));
    long[] m = longs(json.get("m"));
    long[] s = longs(json.get("s"));
    long[] qc = longs(json.get("qc"));
    double[] qs = doubles(json.get("qs"));
    for (int i = 0; i < id.length; i++) {
      int j = t.slot(id[i]); // before reading the arrays: it may grow them
      t.mentions[j] = m[i];
      t.sessions[j] = s[i];
      t.qualityCount[j] = qc[i];
      t.qualitySum[j] = qs[i];
    }
    return t;
  }

  private static int[] ints(Object list) {
    return ((java.util.List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  private static long[] longs(Object list) {
    return ((java.util.List<?>) list).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
  }

  private static double[] doubles(Object list) {
    return ((java.util.List<?>) list)
        .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  @Override
  public String toString() {
    return "TopicTally" + Arrays.toString(keys);
  }
}
