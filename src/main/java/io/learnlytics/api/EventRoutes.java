package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.ApiException.PayloadTooLarge;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** {@code POST /api/events}: the ingest contract of DESIGN.md §4. */
final class EventRoutes {
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  private final IngestService ingest;
  private final ApiMetrics metrics;

  EventRoutes(IngestService ingest, ApiMetrics metrics) {
    this.ingest = ingest;
    this.metrics = metrics;
  }

  void post(Context ctx) throws IOException {
    try {
      byte[] body = readLimited(ctx, IngestService.MAX_BODY_BYTES);
      IngestResult result = ingest.ingest(body, isNdjson(ctx.contentType()));
      metrics.ingested(result);
      ctx.json(result);
    } catch (ApiException e) {
      metrics.rejected(e.status());
      throw e;
    }
  }

  private static boolean isNdjson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    return ct.startsWith("application/x-ndjson")
        || ct.startsWith("application/ndjson")
        || ct.startsWith("application/jsonl");
  }

  /** Reads the body, refusing (before reading it all) anything over {@code limit} bytes. */
  private static byte[] readLimited(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        drain(in);
        throw tooLarge(limit);
      }
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        drain(in);
        throw tooLarge(limit);
      }
      return body;
    }
  }

  /**
   * Reads and discards the rest of an oversized body (up to a bound), so that a client still
   * uploading receives the 413 instead of a reset connection.
   */
  private static void drain(InputStream in) throws IOException {
    long left = DRAIN_LIMIT;
    byte[] buffer = new byte[64 * 1024];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  private static PayloadTooLarge tooLarge(int limit) {
    return new PayloadTooLarge(
        "the request body is over the limit of "
            + limit / (1024 * 1024)
            + " MiB; split the events into smaller batches");
  }
}
