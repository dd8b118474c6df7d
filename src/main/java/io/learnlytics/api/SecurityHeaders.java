package io.learnlytics.api;

import io.javalin.http.Context;

/**
 * Headers on every response that keep the page and the API safe to open in a browser: scripts,
 * styles and requests only from this server (no inline scripts), no framing by other sites, no
 * content-type guessing, no referrer leaking a path. API answers hold the learner's own data, so
 * they are not stored by browsers or proxies unless a route says otherwise (the contract route is
 * revalidated, an export is downloaded).
 *
 * <p>Scripts and style sheets are never documents, so the policy and the framing rule, which only
 * documents obey, are left off them: 250 bytes on each of some thirty responses of a page load.
 * {@code nosniff} stays, since it is what stops a script from being read as anything else.
 */
final class SecurityHeaders {
  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /**
   * An API answer is data, never a page: opened in a tab it may load nothing and be framed by no
   * one. A fifth of the page's policy, on each of the page's dozen API calls.
   */
  static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (isSubresource(ctx.path())) {
      return;
    }
    boolean data = ctx.path().startsWith("/api/") || ctx.path().equals("/metrics");
    ctx.header("Content-Security-Policy", data ? DATA_POLICY : PAGE_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    if (data) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** A script or style sheet the page loads (an SVG can be opened as a document: not one). */
  static boolean isSubresource(String path) {
    return (path.startsWith("/js/") || path.startsWith("/css/") || path.startsWith("/webjars/"))
        && (path.endsWith(".js") || path.endsWith(".css"));
  }
}
