package io.learnlytics.sync;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/** Each source table's sync progress as Prometheus gauges, read from the watermarks at scrape. */
public final class SyncMetrics {
  private SyncMetrics() {}

  public static void register(PrometheusRegistry registry, Watermarks watermarks, Clock clock) {
    gauge(
        registry,
        watermarks,
        "analytics_sync_watermark_rowid",
        "Last source rowid synced",
        m -> m.lastRowid());
    gauge(
        registry,
        watermarks,
        "analytics_sync_lag_rows",
        "Source rows not synced yet (as of the last pass)",
        Watermarks.Mark::lagRows);
    gauge(
        registry,
        watermarks,
        "analytics_sync_rows_skipped",
        "Source rows that could not become events",
        m -> m.rowsSkipped());
    gauge(
        registry,
        watermarks,
        "analytics_sync_edits",
        "Synced rows changed in the source since (not applied)",
        m -> m.edits());
    gauge(
        registry,
        watermarks,
        "analytics_sync_seconds_since_last_pass",
        "Seconds since the table was last read",
        m -> m.lastSyncUtc() == null ? -1 : (clock.millis() - m.lastSyncUtc()) / 1000.0);
  }

  private static void gauge(
      PrometheusRegistry registry,
      Watermarks watermarks,
      String name,
      String help,
      ToDoubleFunction<Watermarks.Mark> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("source", "table")
        .callback(
            cb ->
                watermarks
                    .all()
                    .forEach(m -> cb.call(value.applyAsDouble(m), m.source(), m.table())))
        .register(registry);
  }
}
