package dev.fftt.jfr.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Opens once the JVM's Flight Recorder is initialized (a recording started, at launch or later)
 * and FFTT's event classes are ready. Until then the exporter touches no event class: the first
 * use of one initializes JFR (about 150 ms in a JVM that never records), and loading the event
 * classes into an initialized JFR still costs tens of milliseconds, which no call should wait for.
 *
 * <p>Internal; not API, may change without notice.
 */
final class JfrGate implements FlightRecorderListener {

  private static final System.Logger LOG = System.getLogger(JfrGate.class.getName());

  // Written once (false -> true) by prepare(), after the event classes are loaded; read by every
  // event of every call (any thread). Volatile: a call that reads true finds them initialized.
  private static volatile boolean open;

  private JfrGate() {}

  /**
   * Opens now when the Flight Recorder is initialized already (a recording since launch: the
   * first calls are recorded), else when it is, on a thread of its own.
   */
  static void install() {
    if (FlightRecorder.isInitialized()) {
      prepare();
    }
    FlightRecorder.addListener(new JfrGate());
  }

  /** Whether the event classes may be used. */
  static boolean open() {
    return open;
  }

  @Override
  public void recorderInitialized(FlightRecorder recorder) {
    // Called under the Flight Recorder's own lock, by whatever initialized it (a recording being
    // created, jcmd's thread): the event classes are loaded elsewhere. Calls seen before they
    // are ready are not recorded.
    if (!open) {
      Thread thread = new Thread(JfrGate::prepare, "fftt-jfr-events");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Loads, registers and initializes the event classes (their probes), then opens. */
  private static void prepare() {
    try {
      List<?> probes = List.of(CallEvent.PROBE, TimeoutEvent.PROBE, RetryEvent.PROBE,
          CircuitBreakerStateEvent.PROBE, RejectedEvent.PROBE, LoopStallEvent.PROBE,
          BlockingCallEvent.PROBE);
      LOG.log(Level.DEBUG, () -> "FFTT: " + probes.size() + " JFR event types ready");
      open = true;
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "FFTT: the JFR events could not be loaded; none are written", e);
    }
  }
}
