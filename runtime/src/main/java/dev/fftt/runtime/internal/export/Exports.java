package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.internal.util.Log;
import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.FfttExporter;
import dev.fftt.runtime.spi.FfttListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registered {@link FfttListener}s, what exists for them to hear of (operations, breakers,
 * bulkheads, loops), and the exporters found through {@link ServiceLoader}.
 *
 * <p>Registering, leaving and each new operation, breaker, bulkhead or loop take {@link #LOCK}
 * (rare: once per name); a call never does: it reads its operation's {@link CallSlot}, and a
 * breaker's state change or a loop's stall reads {@link #listeners}, a copy-on-write array.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Exports {

  private static final Object LOCK = new Object();
  // All guarded by LOCK.
  private static final List<Registered> REGISTERED = new ArrayList<>();
  private static final Map<String, CallSlot> OPERATIONS = new LinkedHashMap<>();
  private static final Set<String> BREAKERS = new LinkedHashSet<>();
  private static final Set<String> BULKHEADS = new LinkedHashSet<>();
  private static final Set<String> LOOPS = new LinkedHashSet<>();
  private static final Set<String> OFF = new HashSet<>();
  private static final Set<String> STARTED = new HashSet<>();
  private static final Map<ClassLoader, Boolean> SEARCHED = new WeakHashMap<>();
  // Written under LOCK (a new array each time), read without it by breaker and loop events.
  private static volatile Registered[] listeners = new Registered[0];
  // Whether the first search for exporters ran: it waits for the first operation, breaker or
  // bulkhead, so nothing is loaded while the agent starts. CAS: the first adder searches.
  private static final AtomicBoolean SEARCH_STARTED = new AtomicBoolean();

  private Exports() {}

  /** A registered listener, and whether its throw was logged yet. */
  static final class Registered implements AutoCloseable {
    final FfttListener listener;
    private final FirstThrow firstThrow;
    // The CallListener it returned per operation; guarded by LOCK.
    final Map<String, CallListener> calls = new LinkedHashMap<>();

    Registered(FfttListener listener) {
      this.listener = listener;
      this.firstThrow = new FirstThrow("exporter listener " + listener.getClass().getName());
    }

    void threw(Throwable t) {
      firstThrow.threw(t);
    }

    @Override
    public void close() {
      leave(this);
    }
  }

  /**
   * Turns exporters off by agent option name ({@code micrometer}, {@code jfr}, {@code otel}); set
   * by the agent before anything is woven. The others are {@code auto}: on when present.
   */
  public static void configure(Set<String> off) {
    synchronized (LOCK) {
      OFF.clear();
      OFF.addAll(off);
    }
  }

  /** Registers {@code listener} and tells it of everything that exists now. */
  public static AutoCloseable register(FfttListener listener) {
    if (listener == null) {
      throw new NullPointerException("listener");
    }
    Registered r = new Registered(listener);
    synchronized (LOCK) {
      REGISTERED.add(r);
      listeners = REGISTERED.toArray(new Registered[0]);
      for (String loop : LOOPS) {
        safely(r, () -> listener.loopAdded(loop));
      }
      for (String breaker : BREAKERS) {
        safely(r, () -> listener.circuitBreakerAdded(breaker));
      }
      for (String bulkhead : BULKHEADS) {
        safely(r, () -> listener.bulkheadAdded(bulkhead));
      }
      for (CallSlot slot : OPERATIONS.values()) {
        add(r, slot);
        relink(slot);
      }
    }
    return r;
  }

  private static void leave(Registered r) {
    synchronized (LOCK) {
      if (!REGISTERED.remove(r)) {
        return;
      }
      listeners = REGISTERED.toArray(new Registered[0]);
      for (CallSlot slot : OPERATIONS.values()) {
        relink(slot);
      }
    }
  }

  /** The slot of a monitored operation, created (and announced) on first use. */
  public static CallSlot operation(String name) {
    synchronized (LOCK) {
      CallSlot slot = OPERATIONS.get(name);
      if (slot == null) {
        slot = new CallSlot(name);
        OPERATIONS.put(name, slot);
        for (Registered r : REGISTERED) {
          add(r, slot);
        }
        relink(slot);
      }
      return slot;
    }
  }

  /** A circuit breaker now exists for {@code operation}. */
  public static void circuitBreakerAdded(String operation) {
    synchronized (LOCK) {
      if (BREAKERS.add(operation)) {
        for (Registered r : REGISTERED) {
          safely(r, () -> r.listener.circuitBreakerAdded(operation));
        }
      }
    }
  }

  /** A bulkhead now exists for {@code operation}. */
  public static void bulkheadAdded(String operation) {
    synchronized (LOCK) {
      if (BULKHEADS.add(operation)) {
        for (Registered r : REGISTERED) {
          safely(r, () -> r.listener.bulkheadAdded(operation));
        }
      }
    }
  }

  /** A loop was registered (no search for exporters: loops start with the runtime). */
  public static void loopAdded(String loop) {
    synchronized (LOCK) {
      if (LOOPS.add(loop)) {
        for (Registered r : REGISTERED) {
          safely(r, () -> r.listener.loopAdded(loop));
        }
      }
    }
  }

  /** A breaker changed state; reported on the calling thread, outside any lock of ours. */
  public static void circuitBreakerStateChanged(String operation, String from, String to) {
    for (Registered r : listeners) {
      safely(r, () -> r.listener.circuitBreakerStateChanged(operation, from, to));
    }
  }

  /** A stall of {@code loop} was just found (it has not ended yet). */
  public static void loopStallFound(String loop) {
    for (Registered r : listeners) {
      safely(r, () -> r.listener.loopStallFound(loop));
    }
  }

  /** A stall of {@code loop} ended after {@code nanos}. */
  public static void loopStalled(String loop, long nanos, List<StackTraceElement> topFrames) {
    if (listeners.length == 0) {
      return;
    }
    List<StackTraceElement> frames = Collections.unmodifiableList(new ArrayList<>(topFrames));
    for (Registered r : listeners) {
      safely(r, () -> r.listener.loopStalled(loop, nanos, frames));
    }
  }

  /** A blocking call was caught on a thread of {@code loop}; reported on that thread. */
  public static void blockingCall(String loop, String call, String site,
      List<StackTraceElement> stack) {
    for (Registered r : listeners) {
      safely(r, () -> r.listener.blockingCallFound(loop, call, site, stack));
    }
  }

  /**
   * A woven method of a class loaded by {@code loader} is called for the first time: exporters that
   * loader sees are started (once per name), after the first search. Cheap for a loader searched
   * already (one map look-up).
   */
  public static void loaderSeen(ClassLoader loader) {
    searchOnce();
    search(loader);
  }

  /**
   * Looks for exporters the first time it is called (the system class loader and the thread's
   * context loader). Called before the first operation, breaker or bulkhead is created, outside
   * any lock, so nothing is loaded while the agent starts and an exporter's start may do anything.
   */
  public static void searchOnce() {
    if (SEARCH_STARTED.get() || !SEARCH_STARTED.compareAndSet(false, true)) {
      return;
    }
    search(ClassLoader.getSystemClassLoader());
    search(Thread.currentThread().getContextClassLoader());
  }

  private static void search(ClassLoader loader) {
    if (loader == null) {
      return;
    }
    synchronized (LOCK) {
      if (SEARCHED.put(loader, Boolean.TRUE) != null) {
        return;
      }
    }
    List<FfttExporter> found = new ArrayList<>();
    try {
      for (FfttExporter exporter : ServiceLoader.load(FfttExporter.class, loader)) {
        found.add(exporter);
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      Log.warn("FFTT: cannot load the exporters in " + loader + ": " + e);
    }
    for (FfttExporter exporter : found) {
      start(exporter);
    }
  }

  // Outside LOCK: start() registers its listener, which takes LOCK.
  private static void start(FfttExporter exporter) {
    String name;
    synchronized (LOCK) {
      name = exporter.name();
      if (OFF.contains(name) || !STARTED.add(name)) {
        return; // turned off, or the same exporter seen through another loader
      }
    }
    boolean started;
    try {
      started = exporter.start();
    } catch (Throwable t) {
      Log.debug("FFTT: exporter " + name + " did not start (its library is missing?): " + t);
      started = false;
    }
    if (!started) {
      synchronized (LOCK) {
        STARTED.remove(name); // another loader may hold the library
      }
    } else {
      Log.debug("FFTT: exporter " + name + " started (" + exporter.getClass().getName() + ")");
    }
  }

  // ---- under LOCK ----

  private static void add(Registered r, CallSlot slot) {
    CallListener[] returned = new CallListener[1];
    safely(r, () -> returned[0] = r.listener.operationAdded(slot.operation));
    if (returned[0] != null) {
      r.calls.put(slot.operation, new SafeCall(returned[0], r));
    }
  }

  private static void relink(CallSlot slot) {
    List<CallListener> each = new ArrayList<>();
    for (Registered r : REGISTERED) {
      CallListener l = r.calls.get(slot.operation);
      if (l != null) {
        each.add(l);
      }
    }
    slot.listener = each.isEmpty() ? null
        : each.size() == 1 ? each.get(0) : new Fanout(each.toArray(new CallListener[0]));
  }

  private static void safely(Registered r, Runnable event) {
    try {
      event.run();
    } catch (Throwable t) {
      r.threw(t);
    }
  }

  /** For tests: forget every listener, name, exporter and option. */
  public static void resetForTests() {
    synchronized (LOCK) {
      REGISTERED.clear();
      listeners = new Registered[0];
      for (CallSlot slot : OPERATIONS.values()) {
        slot.listener = null;
      }
      OFF.clear();
    }
  }
}
