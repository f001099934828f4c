package dev.fftt.runtime.internal.health;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.util.Log;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the live health page that a setting asks for: the agent's option {@code health=}, or,
 * for code woven at build time, the system property {@code fftt.health}. A port alone binds
 * 127.0.0.1 only; {@code <host>:<port>} binds that host, with a warning when it is not a loopback
 * address (other machines can read the page then). The page must never keep the application from
 * running: a port in use or a host that does not resolve is one line on standard error, and the
 * application runs on without the page.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class HealthStart {

  // VALUES and PATTERN must stay compile-time constants: the agent's option parser uses them,
  // and javac copies them into it, so it loads no runtime class (IsolatedAgentClassesTest).

  /** The choices for the setting, as its error message names them. */
  public static final String VALUES = "off, <port>, <host>:<port> (a port from 1 to 65535; an"
      + " IPv6 address in brackets, e.g. [::1]:9404)";

  /** A port alone, or a host (a name, IPv4, or IPv6 in brackets) and a port. */
  public static final String PATTERN =
      "(?:(\\[[0-9A-Fa-f:.%\\w]+\\]|[A-Za-z0-9._-]+):)?([0-9]{1,5})";

  /** Where to serve: {@code host} {@code null} for 127.0.0.1; {@code port} 0 for off. */
  public record Where(String host, int port) {}

  private HealthStart() {}

  /**
   * Parses a setting's value ({@code off}, {@code <port>}, {@code <host>:<port>}), or returns
   * {@code null} when it is none of those (the caller names the setting and {@link #VALUES}).
   */
  public static Where parse(String raw) {
    String value = raw.trim();
    if (value.equalsIgnoreCase("off")) {
      return new Where(null, 0);
    }
    Matcher m = Pattern.compile(PATTERN).matcher(value);
    int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
    if (port < 1 || port > 65_535) {
      return null;
    }
    String host = m.group(1) == null ? null
        : m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1)
        : m.group(1);
    return new Where(host, port);
  }

  /**
   * Serves the page at {@code host} ({@code null}: 127.0.0.1) and {@code port} (0: nothing to
   * do). {@code fileToken} is the config file's {@code health.token} (or {@code null});
   * {@code info} whether to log the address; {@code prefix} starts each line ("FFTT agent: ").
   * Problems go to {@code err} as one line. Never throws.
   */
  public static void start(String host, int port, String fileToken, boolean info, String prefix,
      PrintStream err) {
    if (port == 0) {
      return;
    }
    String name = host == null ? "127.0.0.1" : host;
    String where = (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
    try {
      InetAddress address = InetAddress.getByName(name);
      boolean token = BearerToken.resolve(System.getProperties(), System.getenv(), fileToken)
          .required();
      if (!address.isLoopbackAddress()) {
        Log.warn(prefix + "the health page is served on " + where + ", which other machines can"
            + " reach" + (token ? "" : ", and no token guards its data (set FFTT_HEALTH_TOKEN or"
            + " health.token in the config file)") + "; health=<port> serves 127.0.0.1 only");
      }
      // Never closed: the page lives as long as the JVM, and its threads are daemons.
      Diagnostics.serveHealth(new InetSocketAddress(address, port));
      if (info) {
        Log.info(prefix + "health page at http://" + where + "/fftt/ ("
            + (token ? "its data needs the token)" : "no token)"));
      }
    } catch (UnknownHostException e) {
      oneLine(err, prefix, "cannot serve the FFTT health page at " + where + ": host '" + name
          + "' does not resolve");
    } catch (RuntimeException | LinkageError e) {
      oneLine(err, prefix, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private static void oneLine(PrintStream err, String prefix, String problem) {
    err.println(prefix + problem.replace('\n', ' ').replace('\r', ' ')
        + "; the application runs on without the health page");
    err.flush();
  }
}
