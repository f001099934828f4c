package dev.fftt.jfr.internal;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.FfttListeners;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;

/**
 * Hears the runtime and writes FFTT's JFR events: each operation's calls through its
 * {@link OperationEvents}, breaker state changes and loop stalls here. Thread-safe.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class JfrListener implements FfttListener {

  // Set by the first install that found a Flight Recorder. CAS: the runtime starts the exporter
  // once, but start() is public, and a second listener would write every event twice.
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  // The fftt.LoopStall event begun when the watchdog found each loop's stall, until the stall
  // ends. Both happen on the watchdog thread; a concurrent map so that no thread is assumed.
  private final ConcurrentMap<String, LoopStallEvent> stalls = new ConcurrentHashMap<>();

  private JfrListener() {}

  /**
   * Registers the listener once (per copy of this class); {@code false} when this JVM has no
   * usable Flight Recorder. Loads the event classes only if the Flight Recorder is initialized
   * already (see {@link JfrGate}).
   */
  public static boolean install() {
    if (!FlightRecorder.isAvailable()) {
      return false;
    }
    if (INSTALLED.compareAndSet(false, true)) {
      JfrGate.install();
      FfttListeners.register(new JfrListener());
    }
    return true;
  }

  @Override
  public CallListener operationAdded(String operation) {
    return new OperationEvents(operation);
  }

  @Override
  public void circuitBreakerStateChanged(String operation, String from, String to) {
    if (!JfrGate.open() || !CircuitBreakerStateEvent.PROBE.isEnabled()) {
      return;
    }
    CircuitBreakerStateEvent event = new CircuitBreakerStateEvent();
    event.operation = operation;
    event.from = from;
    event.to = to;
    event.commit();
  }

  @Override
  public void loopStallFound(String loop) {
    if (!JfrGate.open() || !LoopStallEvent.PROBE.isEnabled()) {
      return;
    }
    LoopStallEvent event = new LoopStallEvent();
    event.begin();
    stalls.put(loop, event); // replaces one left by a loop shut down while stalled
  }

  @Override
  public void loopStalled(String loop, long nanos, List<StackTraceElement> topFrames) {
    LoopStallEvent event = stalls.remove(loop);
    if (event == null) {
      // found before this listener came, or while nothing recorded stalls: no begin to time from
      if (!JfrGate.open() || !LoopStallEvent.PROBE.isEnabled()) {
        return;
      }
      event = new LoopStallEvent();
      event.begin();
    }
    event.end();
    if (!event.shouldCommit()) {
      return;
    }
    event.loop = loop;
    event.topFrames = LoopStallEvent.text(topFrames);
    event.stall = nanos;
    event.commit();
  }

  @Override
  public void blockingCallFound(String loop, String call, String site,
      List<StackTraceElement> stack) {
    if (!JfrGate.open() || !BlockingCallEvent.PROBE.isEnabled()) {
      return;
    }
    BlockingCallEvent event = new BlockingCallEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.loop = loop;
    event.call = call;
    event.site = site;
    event.commit(); // on the loop's thread: the recorded stack is the blocking call's
  }
}
