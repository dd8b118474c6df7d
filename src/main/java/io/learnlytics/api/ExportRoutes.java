package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.export.Export;
import io.learnlytics.export.ExportRequest;
import io.learnlytics.export.ExportService;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /api/analytics/export?format=json|csv&period=7d|30d|90d|365d|all&include=...}: streams
 * an export as a download. Parameters are checked (400) and an export slot taken (429 with {@code
 * Retry-After}) before any byte is sent; the body is then written straight to the response as it is
 * produced, never held in memory. A JSON export ends with its {@code checksum} member, so a
 * download cut short is recognisable.
 */
public final class ExportRoutes {
  public static final String EXPORT = "/api/analytics/export";

  private final ExportService exports;

  public ExportRoutes(ExportService exports) {
    this.exports = exports;
  }

  public void export(Context ctx) throws IOException {
    ExportRequest request =
        ExportRequest.parse(
            ctx.queryParam("format"), ctx.queryParam("period"), ctx.queryParam("include"));
    try (Export export = exports.start(request)) {
      ctx.status(200);
      ctx.contentType(export.contentType());
      ctx.header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"");
      ctx.header("X-Export-Id", export.id());
      ctx.header("Cache-Control", "no-store");
      OutputStream out = ctx.res().getOutputStream();
      export.writeTo(out);
      out.flush();
    }
  }
}
