package dev.fftt.runtime.spi;

/** What refused an attempt before its body ran. */
public enum Rejection {
  /** An OPEN circuit breaker, or a HALF_OPEN one with all its trials taken. */
  CIRCUIT_BREAKER("circuitbreaker"),
  /** A full bulkhead with a full waiting room. */
  BULKHEAD("bulkhead");

  private final String tag;

  Rejection(String tag) {
    this.tag = tag;
  }

  /** {@code circuitbreaker} or {@code bulkhead}. */
  public String tag() {
    return tag;
  }
}
