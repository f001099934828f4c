package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.health.HealthStart;
import dev.fftt.runtime.internal.weave.Overrides;
import java.io.PrintStream;

/**
 * Starts the live health page that the option {@code health=} asks for, at start and on attach,
 * through the runtime's {@link HealthStart} (which code woven at build time uses too, with
 * {@code -Dfftt.health=}): {@code health=<port>} on 127.0.0.1 only; {@code health=<host>:<port>}
 * on that host, with a warning when it is not a loopback address. A port in use or a host that
 * does not resolve is one line on standard error, and the application runs on without the page.
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
    HealthStart.start(options.healthHost(), options.healthPort(),
        Overrides.current().healthToken(), AgentLog.infoEnabled(), "FFTT agent: ", err);
  }
}
