package io.learnlytics.rollup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The {@code meta} block of answers about the learner's current state rather than a period (goals,
 * insights), with the fields the dashboard answers' {@code meta} share: the learner's zone, when it
 * was generated, {@code cached} (set by the response cache) and {@code as_of}, the instant up to
 * which the rollups are known complete (the oldest pending dirty mark, else the generation time);
 * plus the learning date it is for, which is what its cache entry is keyed on.
 */
public record DayMeta(
    String timezone, Instant generatedAt, boolean cached, Instant asOf, LocalDate learningDate) {

  public static DayMeta of(RollupEngine rollups, long nowUtc) {
    Long oldest = rollups.oldestDirtyMarkUtc();
    long asOf = oldest == null ? nowUtc : Math.min(oldest, nowUtc);
    Buckets b = rollups.buckets();
    return new DayMeta(
        b.zone().getId(),
        Instant.ofEpochMilli(nowUtc),
        false,
        Instant.ofEpochMilli(asOf),
        b.learningDate(nowUtc));
  }
}
