package io.learnlytics.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import io.learnlytics.access.AccessTokens;
import io.learnlytics.access.Principal;
import io.learnlytics.access.TokenSecrets;
import io.learnlytics.support.ApiException.Unauthorized;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Authentication and authorization of {@code /api/**} (except health). A bearer token resolves to a
 * {@link Principal}: the admin (the configured {@code --api-token}, or a stored admin token) or one
 * learner (a stored learner token). The principal is stored on the request under {@link
 * Principal#ATTRIBUTE}.
 *
 * <ul>
 *   <li>A token is needed as soon as one exists: a configured one, or any stored one not revoked.
 *       Without any, every caller is the admin, as a single-user install always was — except on a
 *       server bound beyond loopback without {@code --insecure}: it started only because a token
 *       existed, and revoking the last one must not open it to the network, so there a token is
 *       always needed.
 *   <li>An unknown or revoked token is a 401.
 *   <li>A path the principal may not use ({@link LearnerPaths}) is a 404 exactly like a route that
 *       does not exist, as is the data path of a learner who does not exist: a learner's token
 *       cannot tell another learner's data from none.
 * </ul>
 *
 * <p>Lookups are cached for {@link #CACHE_TIME}, so a request costs no database read; a token
 * created or revoked by the CLI takes effect within that time. Tokens are compared as SHA-256
 * digests (the configured one with {@link MessageDigest#isEqual}); a token is only read from the
 * {@code Authorization} header (never from the query string) and never logged.
 */
final class TokenAuth implements Handler {
  static final Duration CACHE_TIME = Duration.ofSeconds(5);

  private static final String PREFIX = "Bearer ";
  private static final int MAX_CACHED = 10_000;

  private final byte[] configuredDigest;
  private final boolean alwaysRequired;
  private final AccessTokens tokens;
  private final LoadingCache<Boolean, Boolean> anyValid;
  private final Cache<String, Optional<Principal>> byHash;
  private final Cache<String, Boolean> learners;

  /**
   * @param configured the {@code --api-token}, if any
   * @param alwaysRequired whether a token is needed even when none exists (a public bind)
   * @param cacheTime how long a lookup is trusted (tests shorten it)
   */
  TokenAuth(
      Optional<String> configured,
      boolean alwaysRequired,
      AccessTokens tokens,
      Duration cacheTime) {
    this.configuredDigest = configured.map(TokenSecrets::digest).orElse(new byte[0]);
    this.alwaysRequired = alwaysRequired;
    this.tokens = tokens;
    this.anyValid = Caffeine.newBuilder().expireAfterWrite(cacheTime).build(k -> tokens.anyValid());
    this.byHash = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(MAX_CACHED).build();
    this.learners =
        Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(MAX_CACHED).build();
  }

  /** Whether requests need a token now. */
  boolean required() {
    return alwaysRequired
        || configuredDigest.length > 0
        || Boolean.TRUE.equals(anyValid.get(Boolean.TRUE));
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.path().equals("/api/health")) {
      return;
    }
    Principal principal = required() ? authenticate(ctx) : Principal.ADMIN;
    ctx.attribute(Principal.ATTRIBUTE, principal);
    String path = ctx.path();
    if (!LearnerPaths.allows(principal, path)) {
      throw new NotFoundResponse();
    }
    String learner = LearnerPaths.learnerOf(path);
    if (learner != null && !exists(learner)) {
      throw new NotFoundResponse();
    }
  }

  private Principal authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Unauthorized("this server needs 'Authorization: Bearer <token>'");
    }
    byte[] given = TokenSecrets.digest(header.substring(PREFIX.length()).strip());
    if (configuredDigest.length > 0 && MessageDigest.isEqual(given, configuredDigest)) {
      return Principal.ADMIN;
    }
    Optional<Principal> stored = byHash.get(HexFormat.of().formatHex(given), tokens::find);
    if (stored == null || stored.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new Unauthorized("the bearer token is not valid");
    }
    return stored.get();
  }

  /**
   * Whether the learner exists. Only a yes is cached: a learner the admin has just created is
   * usable at once.
   */
  private boolean exists(String learner) {
    if (learners.getIfPresent(learner) != null) {
      return true;
    }
    boolean exists = tokens.learnerExists(learner);
    if (exists) {
      learners.put(learner, Boolean.TRUE);
    }
    return exists;
  }
}
