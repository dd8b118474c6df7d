package io.learnlytics.export.source;

import io.learnlytics.rollup.Buckets;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One export's identity and time range. A period of N days covers the learning days {@code today -
 * (N - 1) .. today} — whole days, so that the raw events, sessions and daily summaries of the
 * export describe the same days — that is the instants {@code [fromUtc, toUtc)}; {@code all} is
 * unbounded ({@code firstDay} null, the range the whole of time).
 */
public record ExportScope(
    String id,
    ExportRequest request,
    long generatedUtc,
    String zone,
    LocalDate today,
    @Nullable LocalDate firstDay,
    long fromUtc,
    long toUtc) {

  public static ExportScope of(String id, ExportRequest request, long nowUtc, Buckets buckets) {
    LocalDate today = buckets.learningDate(nowUtc);
    int days = request.days();
    if (days == 0) {
      return new ExportScope(
          id, request, nowUtc, buckets.zone().getId(), today, null, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    LocalDate first = today.minusDays(days - 1L);
    return new ExportScope(
        id,
        request,
        nowUtc,
        buckets.zone().getId(),
        today,
        first,
        buckets.dayStart(first),
        buckets.dayStart(today.plusDays(1)));
  }

  public boolean all() {
    return firstDay == null;
  }

  public boolean includes(String section) {
    return request.includes(section);
  }

  /** The range of {@code learner}'s rows this export reads. */
  public Range range(String learner) {
    return new Range(learner, fromUtc, toUtc, all());
  }

  /** The local start of the period ({@code 2025-11-01T00:00:00+01:00}), or null for all. */
  public @Nullable String periodStart(Buckets buckets) {
    return all() ? null : ExportFacts.local(fromUtc, buckets);
  }

  /** The local end of the period, exclusive, or null for all. */
  public @Nullable String periodEnd(Buckets buckets) {
    return all() ? null : ExportFacts.local(toUtc, buckets);
  }

  /** {@code learnlytics-export-30d-2025-11-21.json} (or {@code .zip} for csv). */
  public String fileName() {
    String ext = ExportRequest.extension(request.format());
    return "learnlytics-export-" + request.period() + "-" + today + "." + ext;
  }
}
