package io.learnlytics.rollup;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Prometheus instruments of the rollup engine. {@code interval} is one of the scheduled jobs
 * ({@code hourly}, {@code daily}, {@code weekly}, {@code monthly}), {@code refresh} (the
 * dirty-bucket refresher) or {@code rebuild}.
 */
public final class RollupMetrics {
  final Histogram duration;
  final Counter buckets;
  final Counter failures;

  public RollupMetrics(PrometheusRegistry registry) {
    duration =
        Histogram.builder()
            .name("analytics_aggregation_duration_seconds")
            .help("Duration of aggregation runs")
            .labelNames("interval")
            .classicUpperBounds(
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
            .register(registry);
    buckets =
        Counter.builder()
            .name("analytics_rollup_buckets_written_total")
            .help("Rollup rows written")
            .labelNames("level")
            .register(registry);
    failures =
        Counter.builder()
            .name("analytics_aggregation_failures_total")
            .help("Aggregation runs that failed")
            .labelNames("interval")
            .register(registry);
  }

  /** For tests and CLI runs that expose nothing. */
  public static RollupMetrics unregistered() {
    return new RollupMetrics(new PrometheusRegistry());
  }

  public void observe(String interval, long nanos) {
    duration.labelValues(interval).observe(nanos / 1e9);
  }

  public void failed(String interval) {
    failures.labelValues(interval).inc();
  }
}
