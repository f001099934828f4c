package dev.fftt.runtime.internal.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The optional token that guards the health JSON: requests for it must carry
 * {@code Authorization: Bearer <token>}. Set by the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}, else the config file's
 * {@code health.token} (never by an agent option, whose text the agent's start line shows).
 *
 * <p>Only a SHA-256 digest of the token is kept, and a presented token is checked by comparing
 * digests with {@link MessageDigest#isEqual} (constant time): how long the check takes tells
 * nothing about the token, not even its length. The token itself is never logged.
 *
 * <p>Immutable. Internal; not API, may change without notice.
 */
public final class BearerToken {

  /** The system property that sets the token. */
  public static final String PROPERTY = "fftt.health.token";
  /** The environment variable that sets the token. */
  public static final String ENVIRONMENT = "FFTT_HEALTH_TOKEN";

  private static final BearerToken NONE = new BearerToken(null, "none");
  private static final String SCHEME = "bearer ";

  private final byte[] digest;
  private final String source;

  private BearerToken(byte[] digest, String source) {
    this.digest = digest;
    this.source = source;
  }

  /** No token: every request is let through. */
  public static BearerToken none() {
    return NONE;
  }

  /**
   * {@code token} itself ({@code null} or blank: {@link #none()}); {@code source} says where it
   * came from, for the log.
   */
  public static BearerToken of(String token, String source) {
    if (token == null || token.isBlank()) {
      return NONE;
    }
    return new BearerToken(sha256(token.trim()), source);
  }

  /**
   * The token in force: the system property, else the environment variable, else the config
   * file's value {@code fromFile} (may be null). A source set to a blank value is skipped.
   */
  public static BearerToken resolve(Properties systemProperties, Map<String, String> environment,
      String fromFile) {
    String property = systemProperties.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return of(property, "system property " + PROPERTY);
    }
    String variable = environment.get(ENVIRONMENT);
    if (variable != null && !variable.isBlank()) {
      return of(variable, "environment " + ENVIRONMENT);
    }
    return of(fromFile, "the config file's health.token");
  }

  /** Whether a token is required. */
  public boolean required() {
    return digest != null;
  }

  /** Where the token came from ("none" when there is none). */
  public String source() {
    return source;
  }

  /**
   * Whether a request with this {@code Authorization} header (may be null) may have the JSON:
   * always without a token, else only with {@code Bearer <the token>} (the scheme in any case).
   */
  public boolean admits(String authorization) {
    if (digest == null) {
      return true;
    }
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return required() ? "token from " + source : "no token";
  }
}
