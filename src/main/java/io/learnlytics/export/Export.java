package io.learnlytics.export;

import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.export.source.ExportResult;
import io.learnlytics.export.source.ExportScope;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started export holding one of the {@link ExportService#MAX_CONCURRENT} slots: its id, file name
 * and content type are known before any byte is written (for response headers); {@link #writeTo}
 * streams it once; {@link #close()} gives the slot back.
 */
public final class Export implements AutoCloseable {
  private final ExportService service;
  private final ExportScope scope;
  private final AtomicBoolean written = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  Export(ExportService service, ExportScope scope) {
    this.service = service;
    this.scope = scope;
  }

  public String id() {
    return scope.id();
  }

  public ExportRequest request() {
    return scope.request();
  }

  /** {@code learnlytics-export-<period>-<learning date>.json} or {@code .zip}. */
  public String fileName() {
    return scope.fileName();
  }

  public String contentType() {
    return scope.request().format().equals("csv") ? "application/zip" : "application/json";
  }

  /** Streams the export to {@code out} (which is flushed, not closed). Only once. */
  public ExportResult writeTo(OutputStream out) throws IOException {
    if (closed.get() || !written.compareAndSet(false, true)) {
      throw new IllegalStateException("an export is written once, before it is closed");
    }
    return service.write(scope, out);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      service.release();
    }
  }
}
