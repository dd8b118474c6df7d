package io.learnlytics.access;

import io.learnlytics.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/**
 * The stored access tokens ({@code access_tokens}, shared by all learners): created and revoked by
 * the {@code token} command, looked up by the hash of a presented secret. Nothing here ever reads
 * or returns a secret or its hash to a caller outside this class.
 */
public final class AccessTokens {
  private static final RowMapper<Token> TOKEN =
      (rs, ctx) ->
          new Token(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)),
              rs.getObject(5) == null ? null : Instant.ofEpochMilli(rs.getLong(5)));

  private final Database db;

  public AccessTokens(Database db) {
    this.db = db;
  }

  /**
   * One token as {@code token list} shows it. {@code learner} is null for an admin token; {@code
   * revoked} is null while it is valid.
   */
  public record Token(
      String id,
      @Nullable String learner,
      @Nullable String label,
      Instant created,
      @Nullable Instant revoked) {}

  /** A token just created: its public id and its secret, which is never shown again. */
  public record Created(String id, String secret) {}

  /** What {@link #revoke} did. */
  public enum Revoked {
    NOW,
    ALREADY,
    UNKNOWN
  }

  /**
   * Creates a token for {@code learner} (null: an admin token) and returns its secret; only the
   * secret's hash is stored.
   *
   * @throws IllegalArgumentException when {@code learner} is not in the learners table
   */
  public Created create(@Nullable String learner, @Nullable String label, Instant now) {
    String id = TokenSecrets.newId();
    String secret = TokenSecrets.newSecret();
    db.writer()
        .useTransaction(
            h -> {
              if (learner != null && !exists(h, learner)) {
                throw new IllegalArgumentException(
                    "no learner '" + learner + "'; create the learner first");
              }
              h.createUpdate(
                      "INSERT INTO access_tokens (id, learner_id, token_hash, label, created_utc)"
                          + " VALUES (?, ?, ?, ?, ?)")
                  .bind(0, id)
                  .bind(1, learner)
                  .bind(2, TokenSecrets.hash(secret))
                  .bind(3, label)
                  .bind(4, now.toEpochMilli())
                  .execute();
            });
    return new Created(id, secret);
  }

  /** Every token, revoked ones too, oldest first. */
  public List<Token> list() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, learner_id, label, created_utc, revoked_utc FROM access_tokens"
                            + " ORDER BY created_utc, id")
                    .map(TOKEN)
                    .list());
  }

  /** Revokes the token with public id {@code id}; a revoked token stays listed. */
  public Revoked revoke(String id, Instant now) {
    return db.writer()
        .inTransaction(
            h -> {
              Optional<Long> revoked =
                  h.createQuery("SELECT coalesce(revoked_utc, -1) FROM access_tokens WHERE id = ?")
                      .bind(0, id)
                      .mapTo(Long.class)
                      .findOne();
              if (revoked.isEmpty()) {
                return Revoked.UNKNOWN;
              }
              if (revoked.get() >= 0) {
                return Revoked.ALREADY;
              }
              h.createUpdate("UPDATE access_tokens SET revoked_utc = ? WHERE id = ?")
                  .bind(0, now.toEpochMilli())
                  .bind(1, id)
                  .execute();
              return Revoked.NOW;
            });
  }

  /** The principal of the valid (not revoked) token whose secret hashes to {@code hash}. */
  public Optional<Principal> find(String hash) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT coalesce(learner_id, '') FROM access_tokens"
                            + " WHERE token_hash = ? AND revoked_utc IS NULL")
                    .bind(0, hash)
                    .mapTo(String.class)
                    .findOne()
                    .map(l -> l.isEmpty() ? Principal.ADMIN : Principal.learner(l)));
  }

  /** Whether any token is valid: from then on, the API needs one. */
  public boolean anyValid() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM access_tokens WHERE revoked_utc IS NULL)")
                    .mapTo(Boolean.class)
                    .one());
  }

  /** Whether {@code learner} is in the learners table. */
  public boolean learnerExists(String learner) {
    return db.reader().withHandle(h -> exists(h, learner));
  }

  private static boolean exists(org.jdbi.v3.core.Handle h, String learner) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM learners WHERE id = ?)")
        .bind(0, learner)
        .mapTo(Boolean.class)
        .one();
  }
}
