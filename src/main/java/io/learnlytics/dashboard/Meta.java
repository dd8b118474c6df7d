package io.learnlytics.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.learnlytics.rollup.ComparisonWindow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code meta} block of every dashboard answer. {@code as_of} is the instant up to which the
 * rollups are known complete: the oldest still-dirty mark if the refresher has work pending, else
 * the generation time. {@code cached} is set by the response cache.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meta(
    String period,
    String timezone,
    Instant generatedAt,
    boolean cached,
    Instant asOf,
    ComparisonWindow.@Nullable Comparison comparison,
    @Nullable String granularity,
    @Nullable String startsAt,
    @Nullable Integer days,
    @Nullable String note) {

  public Meta(
      String period,
      String timezone,
      Instant generatedAt,
      boolean cached,
      Instant asOf,
      ComparisonWindow.@Nullable Comparison comparison,
      @Nullable String granularity) {
    this(period, timezone, generatedAt, cached, asOf, comparison, granularity, null, null, null);
  }
}
