package io.learnlytics.api;

import io.learnlytics.cache.ResponseCache;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.rollup.RollupEngine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/**
 * The Prometheus instruments of the HTTP API. Labels are route templates and status codes only, so
 * their cardinality is bounded whatever clients send.
 */
final class ApiMetrics {
  /** The status label of a response the client hung up on mid-body (an export download). */
  static final String ABORTED = "aborted";

  private final Counter requests;
  private final Histogram latency;
  private final Counter ingestEvents;
  private final Counter ingestBatches;

  ApiMetrics(PrometheusRegistry registry, ResponseCache cache, RollupEngine rollups, Clock clock) {
    requests =
        counter(
                "analytics_dashboard_requests_total",
                "Dashboard API requests",
                "endpoint",
                "status")
            .register(registry);
    latency = latency(registry);
    ingestEvents =
        counter(
                "analytics_ingest_events_total",
                "Events received by POST /api/events, by outcome",
                "result")
            .register(registry);
    ingestBatches =
        counter(
                "analytics_ingest_batches_total",
                "Batches received by POST /api/events, by HTTP status",
                "status")
            .register(registry);
    registerGauges(registry, cache, rollups, clock);
    JvmMetrics.builder().register(registry);
  }

  private static Histogram latency(PrometheusRegistry registry) {
    return Histogram.builder()
        .name("analytics_dashboard_latency_seconds")
        .help("Dashboard API response latency")
        .labelNames("endpoint")
        .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
        .register(registry);
  }

  private static Counter.Builder counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels);
  }

  /** The gauges read at scrape time: cache hit rate, and the rollups' backlog and lag. */
  private static void registerGauges(
      PrometheusRegistry registry, ResponseCache cache, RollupEngine rollups, Clock clock) {
    GaugeWithCallback.builder()
        .name("analytics_cache_hit_rate")
        .help("Dashboard response cache hits over lookups since start")
        .callback(cb -> cb.call(cache.hitRate()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("analytics_rollup_dirty_buckets")
        .help("Buckets waiting for the rollup refresher")
        .callback(cb -> cb.call(rollups.dirtyCount()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("analytics_rollup_lag_seconds")
        .help("Age of the oldest change not yet in the rollups (0 when current)")
        .callback(
            cb -> {
              Long oldest = rollups.oldestDirtyMarkUtc();
              cb.call(oldest == null ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0);
            })
        .register(registry);
  }

  /**
   * @param status the HTTP status answered, or {@link #ABORTED}
   */
  void request(String endpoint, String status, long nanos) {
    requests.labelValues(endpoint, status).inc();
    latency.labelValues(endpoint).observe(nanos / 1e9);
  }

  void ingested(IngestResult r) {
    ingestEvents.labelValues("accepted").inc(r.accepted());
    ingestEvents.labelValues("duplicate").inc(r.duplicates());
    ingestEvents.labelValues("conflict").inc(r.conflicts().size());
  }

  void batch(int status) {
    ingestBatches.labelValues(Integer.toString(status)).inc();
  }
}
