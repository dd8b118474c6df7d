package io.learnlytics.export.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.rollup.FeedbackKind;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.support.Json;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@code feedback_summary} of an export, added up from feedback counted by type and rating:
 * totals by polarity (as {@link FeedbackKind} defines it), by type, and the ratings.
 */
final class FeedbackTally {
  private final TreeMap<String, Long> byType = new TreeMap<>();
  private final TreeMap<String, Long> ratings = new TreeMap<>();
  private long total;
  private long positive;
  private long negative;
  private long ratingSum;
  private long ratingCount;

  /** {@code count} feedback events of {@code type}, with {@code rating} (null when unrated). */
  void add(String type, @Nullable Integer rating, long count) {
    byType.merge(type, count, Long::sum);
    total += count;
    addPolarity(FeedbackKind.polarity(type, rating), count);
    if (type.equals("rating") && rating != null) {
      addRating(rating, count);
    }
  }

  private void addPolarity(int polarity, long count) {
    if (polarity == FeedbackKind.POSITIVE) {
      positive += count;
    } else if (polarity == FeedbackKind.NEGATIVE) {
      negative += count;
    }
  }

  private void addRating(int rating, long count) {
    ratingSum += rating * count;
    ratingCount += count;
    ratings.merge(Integer.toString(rating), count, Long::sum);
  }

  /** The summary; the correction rate is over the period's exchanges, from {@code totals}. */
  ObjectNode node(RollupTotals totals) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("total", total);
    n.put("positive", positive);
    n.put("negative", negative);
    n.put("positive_rate", total == 0 ? null : (double) positive / total);
    n.put("corrections", byType.getOrDefault("correction", 0L));
    n.put("clarifications", byType.getOrDefault("clarification", 0L));
    n.put(
        "correction_rate",
        totals.exchanges == 0 ? null : (double) totals.corrections / totals.exchanges);
    n.put("avg_rating", ratingCount == 0 ? null : (double) ratingSum / ratingCount);
    n.set("ratings", Json.MAPPER.valueToTree(ratings));
    n.set("by_type", Json.MAPPER.valueToTree(byType));
    return n;
  }
}
