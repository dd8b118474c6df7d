package io.learnlytics.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.learnlytics.support.ApiException.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bearer-token check for {@code /api/**} (except health). Tokens are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is
 * and whatever the presented token's length. The token is never logged.
 */
final class TokenAuth implements Handler {
  private static final String PREFIX = "Bearer ";

  private final byte[] expectedDigest;

  TokenAuth(String token) {
    this.expectedDigest = sha256(token);
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.path().equals("/api/health")) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Unauthorized("this server needs 'Authorization: Bearer <token>'");
    }
    byte[] given = sha256(header.substring(PREFIX.length()).strip());
    if (!MessageDigest.isEqual(given, expectedDigest)) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new Unauthorized("the bearer token is not valid");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
