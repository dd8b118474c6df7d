package io.learnlytics.rollup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The feedback types of DESIGN.md §4 and what each says about an answer: the one place that decides
 * which feedback is positive or negative, for ingest, rollups and exports alike.
 */
public enum FeedbackKind {
  THUMBS_UP,
  THUMBS_DOWN,
  COPY,
  SHARE,
  RATING,
  CORRECTION,
  CLARIFICATION,
  FOLLOW_UP;

  public static final int POSITIVE = 1;
  public static final int NEGATIVE = -1;
  public static final int NEUTRAL = 0;

  private static final List<String> IDS = Arrays.stream(values()).map(FeedbackKind::id).toList();

  /** The name stored and sent over the API, such as {@code thumbs_up}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every id, in the documented order. */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * {@link #POSITIVE} for thumbs_up, copy, share and a rating of 4 or 5; {@link #NEGATIVE} for
   * thumbs_down and a rating of 1 or 2; {@link #NEUTRAL} otherwise. Takes the stored text rather
   * than the enum because the rollup scan calls it once per feedback row.
   *
   * @param rating the rating, or null when the feedback has none
   */
  public static int polarity(String type, @Nullable Integer rating) {
    return switch (type) {
      case "thumbs_up", "copy", "share" -> POSITIVE;
      case "thumbs_down" -> NEGATIVE;
      case "rating" -> ratingPolarity(rating);
      default -> NEUTRAL;
    };
  }

  private static int ratingPolarity(@Nullable Integer rating) {
    if (rating == null) {
      return NEUTRAL;
    }
    return rating >= 4 ? POSITIVE : rating <= 2 ? NEGATIVE : NEUTRAL;
  }
}
