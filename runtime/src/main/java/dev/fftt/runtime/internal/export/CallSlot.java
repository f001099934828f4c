package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.spi.CallListener;

/**
 * What one monitored operation's calls are reported to: {@code null} while no listener hears
 * them, else one {@link CallListener} that hands each event to every listener, catching their
 * throws. A call reads it once, when it starts being followed, and keeps what it read, so a call
 * in flight when a listener comes or goes reports to the same listeners from start to end.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class CallSlot {

  final String operation;
  // Written by Exports under its lock when a listener registers or leaves; read without a lock by
  // every call of the operation, on any thread (volatile: a call started after a registration
  // returned is reported to it).
  volatile CallListener listener;

  CallSlot(String operation) {
    this.operation = operation;
  }

  /** The listener of calls starting now, {@code null} when nobody listens. */
  public CallListener listener() {
    return listener;
  }
}
