package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.internal.util.Log;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs the first throw of one registered exporter piece (a listener, a context carrier) and no
 * later one: a piece that throws on every call must not flood the log, and its throws never reach
 * the call.
 */
final class FirstThrow {

  private final String what; // e.g. "exporter listener com.example.Foo"
  // Set once, by the first throw (any thread): later throws are not logged again.
  private final AtomicBoolean logged = new AtomicBoolean();

  FirstThrow(String what) {
    this.what = what;
  }

  void threw(Throwable t) {
    if (logged.compareAndSet(false, true)) {
      Log.warn("FFTT: " + what + " threw; the calls go on, and its later throws are not logged", t);
    }
  }
}
