package io.learnlytics.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets and ids. A secret is {@code llt_} and 256 random bits in base64url: the prefix lets
 * a secret scanner (or a person) recognise one in a paste. The database keeps only its SHA-256, so
 * the secret is shown once, when created. The id ({@code tok_} and 8 random characters) is public:
 * it names the token in {@code token list} and {@code token revoke}.
 */
public final class TokenSecrets {
  public static final String SECRET_PREFIX = "llt_";
  public static final String ID_PREFIX = "tok_";

  private static final int SECRET_BYTES = 32;
  private static final int ID_CHARS = 8;
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new secret: shown to whoever creates the token, never stored. */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new public id. */
  public static String newId() {
    StringBuilder id = new StringBuilder(ID_PREFIX);
    for (int i = 0; i < ID_CHARS; i++) {
      id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }

  /** SHA-256 of the secret's UTF-8 bytes: what is stored and looked up. */
  public static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The digest as the 64 lowercase hex digits stored in {@code access_tokens.token_hash}. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(digest(secret));
  }
}
