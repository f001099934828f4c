package dev.fftt.runtime.internal.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;

/**
 * Starts the health page: the routes with their token, on the JDK's HTTP server defined in a
 * loader of its own ({@link JdkHttpLoader}, made at the first start).
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
public final class HealthPage {

  private HealthPage() {}

  /**
   * {@code JdkHttpServer.start}, found at the first start. A benign race: two first starts at once
   * may each define the class in a loader of their own; both work, and one handle is kept.
   */
  private static volatile MethodHandle start;

  private static MethodHandle start() {
    MethodHandle handle = start;
    if (handle == null) {
      try {
        Class<?> server = Class.forName(JdkHttpLoader.SERVER, true, new JdkHttpLoader());
        handle = MethodHandles.publicLookup().findStatic(server, "start", MethodType.methodType(
            HealthEndpoint.class, InetSocketAddress.class, Routes.class));
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("the FFTT health page cannot use the JDK's HTTP server"
            + " (module jdk.httpserver): " + e, e);
      }
      start = handle;
    }
    return handle;
  }

  /**
   * Serves the page at {@code address} (resolved; port 0 picks a free one), the JSON guarded by
   * {@code token}.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound (a port in use)
   * @throws IllegalStateException when the JDK has no {@code jdk.httpserver} module (an image
   *     built without it) or the runtime's page files are missing
   */
  public static HealthEndpoint serve(InetSocketAddress address, BearerToken token) {
    Routes routes = Routes.create(token);
    try {
      return (HealthEndpoint) start().invokeExact(address, routes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the FFTT health page at " + describe(address)
          + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot serve the FFTT health page at " + describe(address)
          + ": " + t, t);
    }
  }

  /** {@code host:port} as a person would write it. */
  static String describe(InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress()
        : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
