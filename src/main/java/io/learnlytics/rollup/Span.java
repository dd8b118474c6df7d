package io.learnlytics.rollup;

/**
 * A half-open range of instants {@code [fromUtc, toUtc)} in UTC epoch ms: a bucket, a goal's
 * period, or all history ({@link #ALL}).
 */
public record Span(long fromUtc, long toUtc) {
  /** All history. */
  public static final Span ALL = new Span(Long.MIN_VALUE, Long.MAX_VALUE);

  public boolean isAll() {
    return fromUtc == Long.MIN_VALUE && toUtc == Long.MAX_VALUE;
  }
}
