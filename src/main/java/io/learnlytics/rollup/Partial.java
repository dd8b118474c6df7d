package io.learnlytics.rollup;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mergeable state of one bucket: everything its metrics are computed from. Merging the partials
 * of disjoint buckets gives exactly the partial of their union — counts, sums, topic counts and
 * session-duration lists add up, and the composite's variance merges by Chan's formula — which is
 * why a week or a month can be computed from its days without rescanning raw events.
 *
 * <p>Sessions count in the bucket of their start (with their whole duration and exchange count);
 * exchanges, quality scores and feedback in the bucket of their own timestamp.
 */
final class Partial {
  /** First byte of a stored day state: the layout of {@link #toBytes}. */
  private static final byte FORMAT = 1;

  long exchanges;
  long sessions;
  long sessionExchanges;
  long sessionDurationMs;
  List<Long> sessionDurations = new ArrayList<>();

  long qualityCount;
  double compositeMean;
  double compositeM2; // sum of squared deviations from the mean (Welford / Chan)
  final Dimension relevance = new Dimension();
  final Dimension helpfulness = new Dimension();
  final Dimension accuracy = new Dimension();
  final Dimension clarity = new Dimension();
  final Dimension engagement = new Dimension();

  long feedback;
  long positive;
  long negative;
  long corrections;
  long clarifications;

  TopicTally topics = new TopicTally(); // per topic id: mentions, sessions, scores
  long[] exchangesByHour = new long[24];
  long[] exchangesByWeekday = new long[7]; // index: DayOfWeek.getValue() - 1, of the learning date

  /** Sum and count of one optional quality dimension. */
  static final class Dimension {
    long count;
    double sum;

    void merge(Dimension other) {
      count += other.count;
      sum += other.sum;
    }

    @Nullable Double mean() {
      return count == 0 ? null : sum / count;
    }
  }

  boolean isEmpty() {
    return exchanges == 0 && sessions == 0 && qualityCount == 0 && feedback == 0;
  }

  /** An exchange mentioning the first {@code topicCount} ids of {@code topicIds}. */
  void addExchange(int[] topicIds, int topicCount, int localHour, int weekdayIndex) {
    exchanges++;
    exchangesByHour[localHour]++;
    exchangesByWeekday[weekdayIndex]++;
    for (int i = 0; i < topicCount; i++) {
      topics.addMention(topicIds[i]);
    }
  }

  void addSession(long durationMs, long exchangeCount, int[] topicIds, int topicCount) {
    sessions++;
    for (int i = 0; i < topicCount; i++) {
      topics.addSession(topicIds[i]);
    }
    sessionExchanges += exchangeCount;
    sessionDurationMs += durationMs;
    sessionDurations.add(durationMs);
  }

  /**
   * A score, for the first {@code topicCount} topic ids of its exchange; {@code dimensions} are
   * relevance, helpfulness, accuracy, clarity and engagement, each -1 when absent.
   */
  void addQuality(int[] topicIds, int topicCount, double composite, double[] dimensions) {
    qualityCount++;
    for (int i = 0; i < topicCount; i++) {
      topics.addQuality(topicIds[i], composite);
    }
    double delta = composite - compositeMean;
    compositeMean += delta / qualityCount;
    compositeM2 += delta * (composite - compositeMean);
    add(relevance, dimensions[0]);
    add(helpfulness, dimensions[1]);
    add(accuracy, dimensions[2]);
    add(clarity, dimensions[3]);
    add(engagement, dimensions[4]);
  }

  private static void add(Dimension d, double value) {
    if (value >= 0) {
      d.count++;
      d.sum += value;
    }
  }

  /** Feedback of {@code type}; its polarity is {@link FeedbackKind#polarity}'s. */
  void addFeedback(String type, @Nullable Integer rating) {
    feedback++;
    switch (FeedbackKind.polarity(type, rating)) {
      case FeedbackKind.POSITIVE -> positive++;
      case FeedbackKind.NEGATIVE -> negative++;
      default -> countCorrection(type);
    }
  }

  private void countCorrection(String type) {
    if (type.equals("correction")) {
      corrections++;
    } else if (type.equals("clarification")) {
      clarifications++;
    }
  }

  void merge(Partial o) {
    exchanges += o.exchanges;
    sessions += o.sessions;
    sessionExchanges += o.sessionExchanges;
    sessionDurationMs += o.sessionDurationMs;
    sessionDurations.addAll(o.sessionDurations);
    mergeComposite(o);
    relevance.merge(o.relevance);
    helpfulness.merge(o.helpfulness);
    accuracy.merge(o.accuracy);
    clarity.merge(o.clarity);
    engagement.merge(o.engagement);
    feedback += o.feedback;
    positive += o.positive;
    negative += o.negative;
    corrections += o.corrections;
    clarifications += o.clarifications;
    topics.merge(o.topics);
    for (int h = 0; h < 24; h++) {
      exchangesByHour[h] += o.exchangesByHour[h];
    }
    for (int d = 0; d < 7; d++) {
      exchangesByWeekday[d] += o.exchangesByWeekday[d];
    }
  }

  /**
   * The day state stored in {@code rollup_day_state}: fixed-width fields in declaration order, then
   * the session durations, the histograms and the topic table. Binary because a rebuild stores a
   * state per learning day and an incremental refresh reads a month of them back.
   */
  byte[] toBytes() {
    int fixed = 7 + 2 * 5 + 5 + 1 + 24 + 7; // scalars, dimensions, feedback, length, histograms
    int size = 1 + 8 * (fixed + sessionDurations.size()) + topics.encodedSize();
    ByteBuffer b = ByteBuffer.allocate(size).put(FORMAT);
    b.putLong(exchanges).putLong(sessions).putLong(sessionExchanges).putLong(sessionDurationMs);
    b.putLong(qualityCount).putDouble(compositeMean).putDouble(compositeM2);
    for (Dimension d : dimensions()) {
      b.putLong(d.count).putDouble(d.sum);
    }
    b.putLong(feedback).putLong(positive).putLong(negative).putLong(corrections);
    b.putLong(clarifications).putLong(sessionDurations.size());
    sessionDurations.forEach(b::putLong);
    for (long v : exchangesByHour) {
      b.putLong(v);
    }
    for (long v : exchangesByWeekday) {
      b.putLong(v);
    }
    topics.write(b);
    return b.array();
  }

  static Partial fromBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.get() != FORMAT) {
      throw new IllegalStateException("a stored day state has an unknown format");
    }
    Partial p = new Partial();
    p.exchanges = b.getLong();
    p.sessions = b.getLong();
    p.sessionExchanges = b.getLong();
    p.sessionDurationMs = b.getLong();
    p.readQuality(b);
    p.feedback = b.getLong();
    p.positive = b.getLong();
    p.negative = b.getLong();
    p.corrections = b.getLong();
    p.clarifications = b.getLong();
    p.readDistributions(b);
    p.topics = TopicTally.read(b);
    return p;
  }

  private void readQuality(ByteBuffer b) {
    qualityCount = b.getLong();
    compositeMean = b.getDouble();
    compositeM2 = b.getDouble();
    for (Dimension d : dimensions()) {
      d.count = b.getLong();
      d.sum = b.getDouble();
    }
  }

  /** Session durations, then exchanges by hour of day and by weekday. */
  private void readDistributions(ByteBuffer b) {
    long durations = b.getLong();
    for (long i = 0; i < durations; i++) {
      sessionDurations.add(b.getLong());
    }
    for (int h = 0; h < 24; h++) {
      exchangesByHour[h] = b.getLong();
    }
    for (int d = 0; d < 7; d++) {
      exchangesByWeekday[d] = b.getLong();
    }
  }

  /**
   * Adds this bucket's count and sum of each dimension, in {@link QualityDimensions#NAMES} order.
   */
  void addDimensions(long[] counts, double[] sums) {
    Dimension[] d = dimensions();
    for (int i = 0; i < d.length; i++) {
      counts[i] += d[i].count;
      sums[i] += d[i].sum;
    }
  }

  private Dimension[] dimensions() {
    return new Dimension[] {relevance, helpfulness, accuracy, clarity, engagement};
  }

  /** Chan et al.'s pairwise update: exact merge of count, mean and M2. */
  private void mergeComposite(Partial o) {
    if (o.qualityCount == 0) {
      return;
    }
    long n = qualityCount + o.qualityCount;
    double delta = o.compositeMean - compositeMean;
    compositeMean += delta * o.qualityCount / n;
    compositeM2 += o.compositeM2 + delta * delta * qualityCount * o.qualityCount / n;
    qualityCount = n;
  }
}
