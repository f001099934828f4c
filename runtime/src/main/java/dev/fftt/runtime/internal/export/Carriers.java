package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.spi.ContextCarrier;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered {@link ContextCarrier}s, and what a call carries: {@link #capture} on the caller's
 * thread, then {@link #attach} / {@link #restore} around each later step, where the caller's MDC
 * is attached too. With no carrier registered a capture is one volatile read and returns
 * {@code null}, and {@code attach}/{@code restore} of {@code null} do nothing.
 *
 * <p>A call keeps the carriers it captured with ({@link Carried}), so a carrier registered or
 * closed while it is in flight never sees a value it did not capture. A carrier's throw is caught
 * and logged once per carrier.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Carriers {

  private static final Object LOCK = new Object();
  // Guarded by LOCK.
  private static final List<Registered> REGISTERED = new ArrayList<>();
  // Written under LOCK (a new array each time), read without it by every call that may carry.
  private static volatile Registered[] carriers = new Registered[0];
  /** What a failed {@code attach} hands to {@code restore}: nothing to put back. */
  private static final Object NOT_ATTACHED = new Object();

  private Carriers() {}

  /** A registered carrier, and whether its throw was logged yet. */
  static final class Registered implements AutoCloseable {
    final ContextCarrier carrier;
    private final FirstThrow firstThrow;

    Registered(ContextCarrier carrier) {
      this.carrier = carrier;
      this.firstThrow = new FirstThrow("context carrier " + carrier.getClass().getName());
    }

    Object capture() {
      try {
        return carrier.capture();
      } catch (Throwable t) {
        threw(t);
        return null;
      }
    }

    Object attach(Object captured) {
      try {
        return carrier.attach(captured);
      } catch (Throwable t) {
        threw(t);
        return NOT_ATTACHED;
      }
    }

    void restore(Object saved) {
      if (saved == NOT_ATTACHED) {
        return;
      }
      try {
        carrier.restore(saved);
      } catch (Throwable t) {
        threw(t);
      }
    }

    private void threw(Throwable t) {
      firstThrow.threw(t);
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        if (REGISTERED.remove(this)) {
          carriers = REGISTERED.toArray(new Registered[0]);
        }
      }
    }
  }

  /**
   * What one call carries: the carriers it captured with and their values (the value itself for
   * one carrier, an array in carrier order for several, {@code null} where one had nothing).
   * Immutable; made on the caller's thread and read by the threads that run the call's steps.
   */
  public static final class Carried {
    private final Registered[] with;
    private final Object values;

    Carried(Registered[] with, Object values) {
      this.with = with;
      this.values = values;
    }
  }

  /** Registers {@code carrier}; see {@code ContextCarriers.register}. */
  public static AutoCloseable register(ContextCarrier carrier) {
    if (carrier == null) {
      throw new NullPointerException("carrier");
    }
    Registered r = new Registered(carrier);
    synchronized (LOCK) {
      REGISTERED.add(r);
      carriers = REGISTERED.toArray(new Registered[0]);
    }
    return r;
  }

  /**
   * What the carriers capture on the caller's thread; {@code null} when none is registered (one
   * volatile read) or none has anything to carry.
   */
  public static Carried capture() {
    Registered[] now = carriers;
    if (now.length == 0) {
      return null;
    }
    if (now.length == 1) {
      Object value = now[0].capture();
      return value == null ? null : new Carried(now, value);
    }
    Object[] values = null;
    for (int i = 0; i < now.length; i++) {
      Object value = now[i].capture();
      if (value != null) {
        if (values == null) {
          values = new Object[now.length];
        }
        values[i] = value;
      }
    }
    return values == null ? null : new Carried(now, values);
  }

  /**
   * Makes {@code carried} current on this thread; returns what to hand to {@link #restore} with
   * it. Does nothing for {@code null}.
   */
  public static Object attach(Carried carried) {
    if (carried == null) {
      return null;
    }
    Registered[] with = carried.with;
    if (with.length == 1) {
      return with[0].attach(carried.values);
    }
    Object[] values = (Object[]) carried.values;
    Object[] saved = new Object[with.length];
    for (int i = 0; i < with.length; i++) {
      saved[i] = values[i] == null ? NOT_ATTACHED : with[i].attach(values[i]);
    }
    return saved;
  }

  /** Puts back what {@link #attach} of {@code carried} replaced (in reverse order). */
  public static void restore(Carried carried, Object saved) {
    if (carried == null) {
      return;
    }
    Registered[] with = carried.with;
    if (with.length == 1) {
      with[0].restore(saved);
      return;
    }
    Object[] each = (Object[]) saved;
    for (int i = with.length - 1; i >= 0; i--) {
      with[i].restore(each[i]);
    }
  }
}
