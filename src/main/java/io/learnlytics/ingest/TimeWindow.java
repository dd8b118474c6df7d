package io.learnlytics.ingest;

import io.learnlytics.config.Ingest;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The instants ingest accepts, {@code [earliest, latest]} in epoch milliseconds: from the
 * configured earliest date (UTC) to a bounded distance ahead of the server's clock, fixed once per
 * batch so that every event of a batch is judged against the same "now".
 */
record TimeWindow(long earliestUtc, long latestUtc) {
  static TimeWindow of(Ingest limits, long nowUtc) {
    long earliest =
        limits.earliestEventDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return new TimeWindow(earliest, nowUtc + limits.maxFuture().toMillis());
  }

  boolean contains(long epochMs) {
    return epochMs >= earliestUtc && epochMs <= latestUtc;
  }

  /** The range in words, for an error message. */
  String describe() {
    return Instant.ofEpochMilli(earliestUtc) + " .. " + Instant.ofEpochMilli(latestUtc);
  }
}
