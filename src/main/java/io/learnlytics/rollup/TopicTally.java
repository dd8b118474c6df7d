package io.learnlytics.rollup;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-topic counts of one bucket, keyed by topic id ({@code topic_names}): exchanges mentioning the
 * topic, sessions (started in the bucket) mentioning it, and the count and sum of the composite
 * quality of scores whose exchange mentions it. An open-addressing table of parallel arrays: a
 * rollup adds millions of mentions, and boxed sorted maps of names cost more than the rest of the
 * aggregation. Names are attached only when a row is rendered ({@link #render}).
 */
final class TopicTally {
  private int[] keys; // 0 = empty slot (ids start at 1)
  private long[] mentions;
  private long[] sessions;
  private long[] qualityCount;
  private double[] qualitySum;
  private int size;

  TopicTally() {
    allocate(32);
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
    int needed = size + o.size;
    if (needed * 4 > keys.length * 3) {
      resize(Integer.highestOneBit(needed * 4 / 3) * 2); // at most 3/4 full afterwards
    }
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

  /**
   * The three topic columns of a rollup row, rendered straight from the table in name order: a day
   * of many topics would otherwise build, sort and re-read three boxed maps per row.
   */
  TopicColumns render(TopicNames names) {
    long[] order = new long[size];
    int n = rank(names, order);
    StringBuilder m = new StringBuilder(2 + n * 24).append('{');
    StringBuilder s = new StringBuilder(2 + n * 24).append('{');
    StringBuilder q = new StringBuilder(2 + n * 48).append('{');
    TopFive top = new TopFive();
    int unique = 0;
    for (int j = 0; j < n; j++) {
      if (append((int) order[j], names, m, s, q, top)) {
        unique++;
      }
    }
    List<String> topNames = new ArrayList<>(top.size);
    for (int k = 0; k < top.size; k++) {
      topNames.add(names.name(keys[top.slots[k]]));
    }
    return new TopicColumns(
        unique,
        List.copyOf(topNames),
        m.append('}').toString(),
        s.append('}').toString(),
        q.append('}').toString());
  }

  /**
   * Fills {@code order} with the used slots sorted by name (name rank in the high half, slot in the
   * low half); returns how many there are.
   */
  private int rank(TopicNames names, long[] order) {
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        order[n++] = (long) names.rank(keys[i]) << 32 | i;
      }
    }
    Arrays.sort(order, 0, n);
    return n;
  }

  /** Appends slot {@code i} to the columns it has values for; true if it was mentioned. */
  private boolean append(
      int i, TopicNames names, StringBuilder m, StringBuilder s, StringBuilder q, TopFive top) {
    String name = names.quoted(keys[i]);
    if (sessions[i] > 0) {
      separate(s).append(name).append(':').append(sessions[i]);
    }
    if (qualityCount[i] > 0) {
      separate(q).append(name).append(":{\"count\":").append(qualityCount[i]);
      q.append(",\"sum\":").append(qualitySum[i]).append('}');
    }
    if (mentions[i] == 0) {
      return false;
    }
    separate(m).append(name).append(':').append(mentions[i]);
    top.offer(i, mentions[i]);
    return true;
  }

  /** Empty topic columns, with the count of topics mentioned. */
  TopicColumns countOnly() {
    int unique = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && mentions[i] > 0) {
        unique++;
      }
    }
    return new TopicColumns(unique, List.of(), "{}", "{}", "{}");
  }

  private static StringBuilder separate(StringBuilder sb) {
    return sb.length() > 1 ? sb.append(',') : sb;
  }

  /** A row's topic columns as stored JSON, with the count of topics mentioned. */
  record TopicColumns(
      int unique, List<String> top, String mentions, String sessions, String quality) {}

  /**
   * The most mentioned topics, offered in name order: a later topic displaces an earlier one only
   * with strictly more mentions, so ties stay in name order.
   */
  private static final class TopFive {
    final int[] slots = new int[RollupCalculator.TOP_TOPICS];
    final long[] counts = new long[RollupCalculator.TOP_TOPICS];
    int size;

    void offer(int slot, long count) {
      if (size == slots.length && count <= counts[size - 1]) {
        return;
      }
      int at = size == slots.length ? size - 1 : size++;
      while (at > 0 && counts[at - 1] < count) {
        slots[at] = slots[at - 1];
        counts[at] = counts[at - 1];
        at--;
      }
      slots[at] = slot;
      counts[at] = count;
    }
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
    return (id * 0x9E3779B9) >>> 7;
  }

  private void grow() {
    resize(keys.length * 2);
  }

  private void resize(int capacity) {
    int[] k = keys;
    long[] m = mentions;
    long[] s = sessions;
    long[] qc = qualityCount;
    double[] qs = qualitySum;
    allocate(capacity);
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

  /** Appends the table to a day state: its size, then id, counts and sum of each topic. */
  void write(ByteBuffer out) {
    out.putInt(size);
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        out.putInt(keys[i]).putLong(mentions[i]).putLong(sessions[i]);
        out.putLong(qualityCount[i]).putDouble(qualitySum[i]);
      }
    }
  }

  /** Bytes {@link #write} needs. */
  int encodedSize() {
    return 4 + size * (4 + 8 * 4);
  }

  static TopicTally read(ByteBuffer in) {
    TopicTally t = new TopicTally();
    int n = in.getInt();
    for (int k = 0; k < n; k++) {
      int j = t.slot(in.getInt()); // before reading the arrays: it may grow them
      t.mentions[j] = in.getLong();
      t.sessions[j] = in.getLong();
      t.qualityCount[j] = in.getLong();
      t.qualitySum[j] = in.getDouble();
    }
    return t;
  }

  @Override
  public String toString() {
    return "TopicTally" + Arrays.toString(keys);
  }
}
