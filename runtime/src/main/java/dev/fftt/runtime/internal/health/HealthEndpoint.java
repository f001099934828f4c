package dev.fftt.runtime.internal.health;

import java.net.InetSocketAddress;

/**
 * A health page being served: what the public {@code HealthServer} needs of it. The one type
 * shared between the runtime and {@link JdkHttpServer}, which lives in a class loader of its own
 * ({@link JdkHttpLoader}).
 *
 * <p>Implementations are thread-safe. Internal; not API, may change without notice.
 */
public interface HealthEndpoint {

  /** The address the server is bound to (the port chosen when 0 was asked). */
  InetSocketAddress address();

  /** Stops serving and frees the port; the second call does nothing. */
  void close();
}
