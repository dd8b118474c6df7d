package io.learnlytics.api;

import io.javalin.http.Context;
import io.learnlytics.export.Export;
import io.learnlytics.export.ExportService;
import io.learnlytics.export.source.ExportRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code GET /api/analytics/export?format=json|csv&period=7d|30d|90d|365d|all&include=...}: streams
 * an export as a download. Parameters are checked (400) and an export slot taken (429 with {@code
 * Retry-After}) before any byte is sent; the body is then written straight to the response as it is
 * produced, never held in memory. A JSON export ends with its {@code checksum} member, so a
 * download cut short is recognisable.
 *
 * <p>An export that fails while the first bytes are still in the response buffer is answered as an
 * error (500, or 503/507 for a locked or full database). Once bytes have gone out the status cannot
 * change any more, so a failure then appends a line that makes the file invalid JSON (or an
 * unreadable ZIP) and aborts the connection: the client sees a broken transfer, never a file that
 * looks complete. A client that hangs up mid-download is not a failure of ours: it is counted with
 * status {@code aborted} and logged at info ({@link ClientGone}).
 */
public final class ExportRoutes {
  public static final String EXPORT = "/api/analytics/export";

  private final Function<Context, ExportService> exports;

  /**
   * @param exports the export service of a request's learner
   */
  public ExportRoutes(Function<Context, ExportService> exports) {
    this.exports = exports;
  }

  public void export(Context ctx) throws IOException {
    ExportRequest request =
        ExportRequest.parse(
            ctx.queryParam("format"), ctx.queryParam("period"), ctx.queryParam("include"));
    try (Export export = exports.apply(ctx).start(request)) {
      ctx.status(200);
      ctx.contentType(export.contentType());
      ctx.header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"");
      ctx.header("X-Export-Id", export.id());
      OutputStream out = ctx.res().getOutputStream();
      try {
        export.writeTo(out);
        out.flush();
      } catch (IOException | RuntimeException e) {
        if (!ctx.res().isCommitted()) {
          ctx.res().reset(); // nothing sent yet: answer with an error instead
          throw e;
        }
        if (Errors.clientGone(e)) {
          throw new ClientGone("export " + export.id() + ": the client closed the connection", e);
        }
        spoil(out, e);
        throw new ResponseAborted("export " + export.id() + " failed after its first bytes", e);
      }
    }
  }

  /** Ends a partly sent export so that no parser or verifier can take it for a whole one. */
  private static void spoil(OutputStream out, Exception cause) {
    String line =
        "\n\nEXPORT FAILED: "
            + cause.getClass().getSimpleName()
            + "; this file is incomplete and must not be used. Run the export again.\n";
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e); // the client is gone; the abort below still ends the response
    }
  }

  /** A failure after the response was committed: the connection is aborted, not answered. */
  static final class ResponseAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResponseAborted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The client hung up mid-download: nothing failed on our side, so it is counted as {@code
   * aborted}, not as a 500, and logged at info without a stack trace.
   */
  static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
