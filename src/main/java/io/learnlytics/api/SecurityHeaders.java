package io.learnlytics.api;

import io.javalin.http.Context;

/**
 * Headers on every response that keep the page and the API safe to open in a browser: scripts,
 * styles and requests only from this server (no inline scripts), no framing by other sites, no
 * content-type guessing, no referrer leaking a path. API answers hold the learner's own data, so
 * they are not stored by browsers or proxies unless a route says otherwise (the contract route is
 * revalidated, an export is downloaded).
 */
final class SecurityHeaders {
  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
      ctx.header("Cache-Control", "no-store");
    }
  }
}
