package dev.fftt.runtime.internal.health;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response of the health page: status, headers and body. Every reply carries the security
 * headers ({@link #SECURITY_HEADERS}), error replies included, so no path of the server can forget
 * them. Immutable (the body array is never handed to anyone who writes to it).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Reply {

  /**
   * Allows only the page's own script, style and JSON: no inline script or style, nothing
   * external, no framing, no forms.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self';"
      + " style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none';"
      + " form-action 'none'; frame-ancestors 'none'";

  /** On every reply: never cached (the data is live), types taken as sent, the policy above. */
  public static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Cache-Control", "no-store",
      "X-Content-Type-Options", "nosniff",
      "Content-Security-Policy", CONTENT_SECURITY_POLICY,
      "Referrer-Policy", "no-referrer");

  private static final String TEXT = "text/plain; charset=utf-8";

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  private Reply(int status, String contentType, byte[] body, Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(SECURITY_HEADERS);
    all.put("Content-Type", contentType);
    all.putAll(extra);
    this.status = status;
    this.headers = Map.copyOf(all);
    this.body = body;
  }

  /** A reply with {@code body} of {@code contentType}. */
  static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, Map.of());
  }

  /** A short plain-text reply (errors, the redirect's note). */
  static Reply text(int status, String text, Map<String, String> extra) {
    return new Reply(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), extra);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** Every header to send (the security headers, Content-Type, and any of this reply's own). */
  public Map<String, String> headers() {
    return headers;
  }

  /** How many bytes the body has (also the Content-Length of a HEAD reply). */
  public int length() {
    return body.length;
  }

  /** Writes the body to {@code out}. */
  public void writeBody(OutputStream out) throws IOException {
    out.write(body);
  }

  /** The body (a copy: callers may not change the reply). */
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return status + " " + headers.get("Content-Type") + " (" + body.length + " bytes)";
  }
}
