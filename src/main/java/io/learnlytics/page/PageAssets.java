package io.learnlytics.page;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The page's own script and style sheet as the page loads them: every module joined into one script
 * ({@link ScriptBundle}) and both stripped of what only a reader needs ({@link Minify}). They are
 * built once, when the server starts, from the files under {@code /public} on the class path, which
 * stay servable as they are. Each is sent with an ETag, so a page opened again costs a bodyless
 * 304; Javalin compresses the body.
 */
public final class PageAssets {
  /** The page's script: {@code /js/app.js} and everything it imports at once. */
  public static final String SCRIPT = "/js/app.min.js";

  /** The modules the page imports only when first needed (the reports, the topic view). */
  public static final String LAZY_SCRIPT = "/js/app.lazy.min.js";

  /** The page's style sheet: {@code /css/dashboard.css}. */
  public static final String STYLE = "/css/dashboard.min.css";

  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

  private final Asset script;
  private final Asset lazyScript;
  private final Asset style;

  private PageAssets(Asset script, Asset lazyScript, Asset style) {
    this.script = script;
    this.lazyScript = lazyScript;
    this.style = style;
  }

  /**
   * Builds both from the class path.
   *
   * @throws IllegalStateException if a module uses a form the bundle does not understand
   */
  public static PageAssets load() {
    ScriptBundle.Scripts scripts =
        ScriptBundle.of(
            "app.js", file(SCRIPT), file(LAZY_SCRIPT), file -> read("/public/js/" + file));
    return new PageAssets(
        new Asset(Minify.script(scripts.main(), SCRIPT), JAVASCRIPT),
        new Asset(Minify.script(scripts.lazy(), LAZY_SCRIPT), JAVASCRIPT),
        new Asset(
            Minify.style(read("/public/css/dashboard.css"), STYLE), "text/css; charset=utf-8"));
  }

  public void script(Context ctx) {
    script.send(ctx);
  }

  public void lazyScript(Context ctx) {
    lazyScript.send(ctx);
  }

  public void style(Context ctx) {
    style.send(ctx);
  }

  /** The file name of a path under /js/ (the scripts refer to each other by it). */
  private static String file(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String read(String resource) {
    try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the class path: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Asset(byte[] body, String contentType, String etag) {
    Asset(String text, String contentType) {
      this(text.getBytes(StandardCharsets.UTF_8), contentType, etag(text));
    }

    void send(Context ctx) {
      // no-cache means "revalidate every time": an upgraded server is seen at the next page load
      ctx.header("Cache-Control", "no-cache");
      ctx.header("ETag", etag);
      if (etag.equals(ctx.header("If-None-Match"))) {
        ctx.status(304);
        return;
      }
      ctx.contentType(contentType).result(body);
    }

    private static String etag(String text) {
      try {
        byte[] hash =
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }
}
