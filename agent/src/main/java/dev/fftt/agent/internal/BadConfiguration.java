package dev.fftt.agent.internal;

/**
 * A configuration override the agent cannot accept: at start the JVM stops with this message (one
 * line), on attach the attach fails. Refers to nothing but the JDK, so the agent's entry point can
 * catch it before the runtime is reachable.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BadConfiguration extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  BadConfiguration(String message) {
    super(message);
    setStackTrace(new StackTraceElement[0]); // the message is the whole story
  }
}
