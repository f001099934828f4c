package dev.fftt.runtime.internal.util;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One copy of SLF4J as a class loader sees it, found reflectively: its {@code dev.fftt} logger
 * (none when SLF4J has no provider: it would drop every line) and its MDC ({@link Context}).
 *
 * <p>Which copy is the application's. The runtime may live on the boot class path (put there by
 * the agent), where SLF4J is not visible, while the application's SLF4J lives in the system
 * class loader (a plain class path) or in a child of it (an executable Spring Boot jar, a web
 * application in a server). So:
 * <ul>
 *   <li>{@link #application()}: the copy the runtime's own log lines go to, and whose MDC calls
 *       made through {@code Async} carry. At first the one the runtime's own class loader or the
 *       system class loader sees; until that one has a provider, the first copy with a provider
 *       that {@link #learn} is shown takes its place (then it stays: first wins).
 *   <li>{@link #in(ClassLoader)}: the copy a given loader sees. A woven method's calls carry the
 *       MDC of its class's loader, so each application in a server carries its own.
 * </ul>
 * {@link #learn} is called once per woven method, at its bootstrap, with its class's loader: the
 * loader is known there, and the application's logging is running by the time its code is.
 * Never from the agent's class file transformer: SLF4J classes loaded there would be hidden from
 * every agent's transformer (the JVM does not transform classes loaded while one runs).
 *
 * <p>Looking up a loader's copy loads and initializes SLF4J in it (as the application's first
 * logger would); it happens once per loader, never per call.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
public final class Slf4j {

  static final String NAME = "dev.fftt";
  /**
   * The class of the logger SLF4J hands out when it has no provider (and with slf4j-nop), in
   * SLF4J 1.7 and 2.x alike: it drops everything, whatever the configuration.
   */
  static final String NOP_LOGGER = "org.slf4j.helpers.NOPLogger";
  private static final Slf4j NONE = new Slf4j(null, null, null, null, Context.NONE);

  /**
   * The copy each class loader sees, looked up once per loader. Guards against the race of two
   * woven methods bootstrapping at once on different threads (the JVM bootstraps on the calling
   * thread): every read and write of the map holds its lock. Weak both ways: the key so that an undeployed
   * application's loader can go; the value because it refers to classes of that loader (a strong
   * value would keep its own key alive). A value collected while the loader lives is looked up
   * again; policies and {@link #application} hold the ones in use. The look-up itself runs
   * outside the lock (see {@link #in}).
   */
  private static final Map<ClassLoader, WeakReference<Slf4j>> BY_LOADER = new WeakHashMap<>();
  /**
   * The application's copy (see the class comment); {@code null} until first asked. Written by
   * {@link #learn} (any bootstrapping thread) and read by every thread that logs or builds a
   * policy: volatile, and replaced only through {@link #offer}'s lock, so two loaders learned at
   * once cannot both replace the runtime's copy (the first with a provider wins).
   */
  private static volatile Slf4j application;
  private static final Object OFFER_LOCK = new Object();

  final Object logger; // null: no SLF4J, or SLF4J without a provider
  final MethodHandle warn;
  final MethodHandle info;
  final MethodHandle debug;
  final Context mdc;

  private Slf4j(Object logger, MethodHandle warn, MethodHandle info, MethodHandle debug,
      Context mdc) {
    this.logger = logger;
    this.warn = warn;
    this.info = info;
    this.debug = debug;
    this.mdc = mdc;
  }

  /** Whether this copy writes log lines (it has a provider). */
  boolean logs() {
    return logger != null;
  }

  /**
   * Tells the runtime that the application runs code in {@code loader} (a woven class's): when no
   * SLF4J with a provider is the application's yet, the one {@code loader} sees becomes it. Cheap
   * once one is; never throws.
   */
  public static void learn(ClassLoader loader) {
    if (loader != null && !application().logs()) {
      offer(in(loader));
    }
  }

  /** The application's copy: see the class comment. Never null. */
  static Slf4j application() {
    Slf4j current = application;
    if (current == null) {
      offer(runtimes());
      current = application;
    }
    return current;
  }

  private static void offer(Slf4j candidate) {
    synchronized (OFFER_LOCK) {
      Slf4j current = application;
      if (current == null || !current.logs() && candidate.logs()) {
        application = candidate;
      }
    }
  }

  /** The copy the runtime sees without being told: its own loader's, else the system loader's. */
  private static Slf4j runtimes() {
    ClassLoader own = Slf4j.class.getClassLoader();
    Slf4j found = own == null ? NONE : in(own);
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (found == NONE && system != own) {
      found = in(system);
    }
    return found;
  }

  /** The copy {@code loader} sees ({@code null}: the boot loader, which never sees SLF4J). Never null. */
  static Slf4j in(ClassLoader loader) {
    if (loader == null) {
      return NONE;
    }
    Slf4j known = cached(loader);
    if (known != null) {
      return known;
    }
    // Outside the lock: initializing SLF4J runs the application's logging set-up, which may
    // call anything, woven code included; a thread that bootstraps meanwhile must not wait here.
    Slf4j found = find(loader);
    synchronized (BY_LOADER) {
      Slf4j first = cached(loader); // another thread looked it up meanwhile: keep one copy
      if (first != null) {
        return first;
      }
      BY_LOADER.put(loader, new WeakReference<>(found));
      return found;
    }
  }

  private static Slf4j cached(ClassLoader loader) {
    synchronized (BY_LOADER) {
      WeakReference<Slf4j> ref = BY_LOADER.get(loader);
      return ref == null ? null : ref.get();
    }
  }

  private static Slf4j find(ClassLoader loader) {
    Context mdc = Context.NONE;
    try {
      Class<?> type = Class.forName("org.slf4j.MDC", true, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      mdc = new Context(
          lookup.findStatic(type, "getCopyOfContextMap", MethodType.methodType(Map.class)),
          lookup.findStatic(type, "setContextMap", MethodType.methodType(void.class, Map.class)),
          lookup.findStatic(type, "clear", MethodType.methodType(void.class)));
    } catch (Throwable notThere) {
      return NONE; // no SLF4J in reach of this loader (LinkageError and friends included)
    }
    try {
      Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
      Class<?> loggerType = Class.forName("org.slf4j.Logger", false, loader);
      Object logger = factory.getMethod("getLogger", String.class).invoke(null, NAME);
      if (logger.getClass().getName().equals(NOP_LOGGER)) {
        return new Slf4j(null, null, null, null, mdc); // SLF4J would drop the lines
      }
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodType withCause = MethodType.methodType(void.class, String.class, Throwable.class);
      return new Slf4j(logger,
          lookup.findVirtual(loggerType, "warn", withCause),
          lookup.findVirtual(loggerType, "info", withCause),
          lookup.findVirtual(loggerType, "debug", withCause),
          mdc);
    } catch (Throwable broken) {
      return new Slf4j(null, null, null, null, mdc);
    }
  }

  /** The logger's class, for tests and messages; {@code null} when this copy does not log. */
  Class<?> loggerClass() {
    return logger == null ? null : logger.getClass();
  }
}
