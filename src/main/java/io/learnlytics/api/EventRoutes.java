package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.ApiException.PayloadTooLarge;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@code POST /api/events}: the ingest contract of DESIGN.md §4. The body is parsed as it arrives
 * (never held whole in memory), within a shared {@link BodyBudget} of in-flight bytes.
 */
final class EventRoutes {
  /** In-flight body bytes across all uploads: three maximum-size batches at a time. */
  static final long BUDGET_BYTES = 3L * IngestService.MAX_BODY_BYTES;

  private static final long BUDGET_WAIT_MILLIS = 20_000;
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  private final LearnerScope scope;
  private final ApiMetrics metrics;
  private final BodyBudget budget = new BodyBudget(BUDGET_BYTES, BUDGET_WAIT_MILLIS);

  EventRoutes(LearnerScope scope, ApiMetrics metrics) {
    this.scope = scope;
    this.metrics = metrics;
  }

  void post(Context ctx) throws IOException, InterruptedException {
    IngestResult result = ingest(ctx);
    metrics.ingested(result);
    ctx.json(result);
  }

  /**
   * Counts every batch by the status it was answered with — refused by the request guard, by
   * validation or by the database alike. Runs after the route and its error handlers.
   */
  void count(Context ctx) {
    if (ctx.method().name().equals("POST") && isEventsPath(ctx.path())) {
      metrics.batch(ctx.status().getCode());
    }
  }

  /** {@code /api/events} or {@code /api/learners/{learner}/events}, as received. */
  static boolean isEventsPath(String path) {
    return path.equals("/api/events")
        || (path.startsWith("/api/learners/")
            && path.endsWith("/events")
            && path.indexOf('/', "/api/learners/".length()) == path.length() - "/events".length());
  }

  @SuppressWarnings("try") // the reservation is held, unread, for as long as the body is read
  private IngestResult ingest(Context ctx) throws IOException, InterruptedException {
    IngestService ingest = scope.of(ctx).ingest();
    int limit = IngestService.MAX_BODY_BYTES;
    long declared = ctx.req().getContentLengthLong();
    InputStream raw = ctx.req().getInputStream();
    if (declared > limit) {
      drain(raw);
      throw tooLarge(limit);
    }
    try (BodyBudget.Reservation r = budget.reserve(declared >= 0 ? declared : limit);
        LimitedInput in = new LimitedInput(raw, limit)) {
      return ingest.ingest(in, isNdjson(ctx.contentType()));
    } catch (PayloadTooLarge e) {
      drain(raw);
      throw e;
    }
  }

  static boolean isNdjson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    return ct.startsWith("application/x-ndjson")
        || ct.startsWith("application/ndjson")
        || ct.startsWith("application/jsonl");
  }

  /**
   * Reads and discards the rest of an oversized body (up to a bound), so that a client still
   * uploading receives the 413 instead of a reset connection.
   */
  private static void drain(InputStream in) {
    long left = DRAIN_LIMIT;
    byte[] buffer = new byte[64 * 1024];
    try {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // the client is gone or the body broken: the 413 stands
    }
  }

  private static PayloadTooLarge tooLarge(int limit) {
    return new PayloadTooLarge(
        "the request body is over the limit of "
            + limit / (1024 * 1024)
            + " MiB; split the events into smaller batches");
  }

  /** Fails with 413 as soon as more than {@code limit} bytes have been read. */
  private static final class LimitedInput extends FilterInputStream {
    private final int limit;
    private long read;

    LimitedInput(InputStream in, int limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw tooLarge(limit);
      }
    }

    @Override
    public void close() {
      // the container owns the request stream
    }
  }
}
