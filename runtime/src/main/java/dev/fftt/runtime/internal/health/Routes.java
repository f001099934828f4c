package dev.fftt.runtime.internal.health;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.HealthReport;
import dev.fftt.runtime.internal.util.Log;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the health page answers, free of any HTTP server: a request's method, raw path and
 * {@code Authorization} header in, a {@link Reply} out.
 *
 * <ul>
 *   <li>{@code /fftt/health}: {@link Diagnostics#healthReport()} as JSON, 200 when
 *       {@code HEALTHY} or {@code DEGRADED}, 503 when {@code UNHEALTHY}; with a token, 401 unless
 *       the request carries it;
 *   <li>{@code /fftt/} and its files ({@link PageFiles}): never behind the token (they hold no
 *       data; the page's script sends the token for the JSON);
 *   <li>{@code /fftt}: a redirect to {@code /fftt/};
 *   <li>a known path with a method other than GET or HEAD: 405; any other path: 404.
 * </ul>
 *
 * <p>HEAD gets GET's reply (the server leaves out the body). Paths are compared as sent, undecoded
 * and exactly (a query string is ignored by the server). Thread-safe (immutable), though one
 * thread calls it.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Routes {

  /** The page, and the folder of its files. */
  public static final String PAGE = "/fftt/";
  /** The health JSON. */
  public static final String JSON = "/fftt/health";
  /** Redirected to {@link #PAGE}. */
  public static final String BARE = "/fftt";

  private static final Map<String, String> ALLOW = Map.of("Allow", "GET, HEAD");

  private final BearerToken token;
  private final PageFiles files;

  private Routes(BearerToken token, PageFiles files) {
    this.token = token;
    this.files = files;
  }

  /**
   * The routes, guarded by {@code token}.
   *
   * @throws IllegalStateException when the page's files are missing from the runtime
   */
  public static Routes create(BearerToken token) {
    return new Routes(token, PageFiles.load());
  }

  /** The token that guards the JSON. */
  public BearerToken token() {
    return token;
  }

  /** The reply to {@code method} on {@code rawPath}; never throws (a failure is a 500). */
  public Reply respond(String method, String rawPath, String authorization) {
    try {
      return route(method, rawPath, authorization);
    } catch (RuntimeException | Error e) {
      Log.warn("FFTT health page: answering " + method + " " + rawPath + " failed", e);
      return Reply.text(500, "internal error: the health report could not be made (see the"
          + " application's log)", Map.of());
    }
  }

  private Reply route(String method, String path, String authorization) {
    Reply file = files.at(path);
    boolean known = file != null || path.equals(JSON) || path.equals(BARE);
    if (!known) {
      return Reply.text(404, "not found; the health page is at " + PAGE + ", its JSON at " + JSON,
          Map.of());
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Reply.text(405, "method not allowed: " + path + " answers GET and HEAD", ALLOW);
    }
    if (file != null) {
      return file;
    }
    if (path.equals(BARE)) {
      return Reply.text(301, "moved to " + PAGE, Map.of("Location", PAGE));
    }
    if (!token.admits(authorization)) {
      return Reply.text(401, "a token is required: send the header Authorization: Bearer <token>"
          + " (the page at " + PAGE + "#token=<token> does)",
          Map.of("WWW-Authenticate", "Bearer realm=\"fftt\""));
    }
    HealthReport report = Diagnostics.healthReport();
    int status = report.status() == HealthReport.Status.UNHEALTHY ? 503 : 200;
    return Reply.of(status, "application/json; charset=utf-8",
        report.toJson().getBytes(StandardCharsets.UTF_8));
  }
}
