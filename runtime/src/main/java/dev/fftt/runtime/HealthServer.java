package dev.fftt.runtime;

import dev.fftt.runtime.internal.health.HealthEndpoint;
import java.net.InetSocketAddress;

/**
 * The live health page being served, made by {@link Diagnostics#serveHealth}: {@code /fftt/}
 * (a page that shows the health report and refreshes itself every 2 s) and {@code /fftt/health}
 * (the report's JSON), answered by one daemon thread, {@code fftt-health}, until {@link #close()}.
 * The server's threads are daemons: it never keeps the JVM alive.
 *
 * <p>Thread-safe.
 */
public final class HealthServer implements AutoCloseable {

  private final HealthEndpoint endpoint;

  HealthServer(HealthEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** The address the page is served at: the port the system chose when 0 was asked for. */
  public InetSocketAddress address() {
    return endpoint.address();
  }

  /**
   * Stops serving: the port is free and open connections are closed when this returns (a page
   * open in a browser then says its data is stale). Closing again does nothing.
   */
  @Override
  public void close() {
    endpoint.close();
  }

  /** The page's address, e.g. {@code HealthServer[http://127.0.0.1:9404/fftt/]}. */
  @Override
  public String toString() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return "HealthServer[http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
        + a.getPort() + "/fftt/]";
  }
}
