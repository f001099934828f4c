package dev.fftt.agent.internal;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.health.BearerToken;
import dev.fftt.runtime.internal.weave.Overrides;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Starts the live health page that the option {@code health=} asks for, at start and on attach:
 * {@code health=<port>} on 127.0.0.1 only; {@code health=<host>:<port>} on that host, with a
 * warning when it is not a loopback address (other machines can read the page then). The page
 * must never keep the application from running: a port in use or a host that does not resolve
 * is one line on standard error, and the application runs on without the page.
 *
 * <p>Internal; not API, may change without notice.
 */
final class HealthPageStart {

  private HealthPageStart() {}

  /**
   * Serves the page when {@code options} ask for it; problems go to {@code err} as one line.
   * Never throws.
   */
  static void start(AgentOptions options, PrintStream err) {
    if (options.healthPort() == 0) {
      return;
    }
    String host = options.healthHost() == null ? "127.0.0.1" : options.healthHost();
    String where = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + options.healthPort();
    try {
      InetAddress address = InetAddress.getByName(host);
      boolean token = BearerToken.resolve(System.getProperties(), System.getenv(),
          Overrides.current().healthToken()).required();
      if (!address.isLoopbackAddress()) {
        AgentLog.warn("the health page is served on " + where + ", which other machines can"
            + " reach" + (token ? "" : ", and no token guards its data (set FFTT_HEALTH_TOKEN or"
            + " health.token in the config file)") + "; health=<port> serves 127.0.0.1 only");
      }
      // Never closed: the page lives as long as the JVM, and its threads are daemons.
      Diagnostics.serveHealth(new InetSocketAddress(address, options.healthPort()));
      AgentLog.info("health page at http://" + where + "/fftt/ ("
          + (token ? "its data needs the token)" : "no token)"));
    } catch (UnknownHostException e) {
      oneLine(err, "cannot serve the FFTT health page at " + where + ": host '" + host
          + "' does not resolve");
    } catch (RuntimeException | LinkageError e) {
      oneLine(err, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private static void oneLine(PrintStream err, String problem) {
    err.println("FFTT agent: " + problem.replace('\n', ' ').replace('\r', ' ')
        + "; the application runs on without the health page");
    err.flush();
  }
}
