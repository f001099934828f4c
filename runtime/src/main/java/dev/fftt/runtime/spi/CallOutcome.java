package dev.fftt.runtime.spi;

/** How a monitored call ended, with the word exporters use for it ({@link #tag()}). */
public enum CallOutcome {
  /** The caller's future holds a value. */
  SUCCESS("success"),
  /** The caller's future failed (after retries and fallback, if any), not by a timeout. */
  FAILURE("failure"),
  /** The call's last attempt timed out. */
  TIMEOUT("timeout"),
  /** The caller cancelled the call (or its future was cancelled). */
  CANCELLED("cancelled");

  private final String tag;

  CallOutcome(String tag) {
    this.tag = tag;
  }

  /** {@code success}, {@code failure}, {@code timeout} or {@code cancelled}. */
  public String tag() {
    return tag;
  }
}
