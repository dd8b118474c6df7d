package io.learnlytics.insight;

import io.learnlytics.rollup.Buckets;
import java.time.LocalDate;

/** One evaluation instant and the learner's learning date at it, so every rule sees one "now". */
record Moment(Buckets buckets, long utc, LocalDate today) {
  static Moment of(Buckets buckets, long utc) {
    return new Moment(buckets, utc, buckets.learningDate(utc));
  }

  /** Start (UTC ms) of the learning day {@code date}. */
  long dayStart(LocalDate date) {
    return buckets.dayStart(date);
  }

  /** The learning date of a bucket starting at {@code startUtc}. */
  LocalDate dateOf(long startUtc) {
    return buckets.learningDate(startUtc);
  }
}
