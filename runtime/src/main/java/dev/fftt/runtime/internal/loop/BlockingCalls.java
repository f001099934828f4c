package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.BlockingCallError;
import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Log;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.StackWalker.StackFrame;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The run-time check for blocking calls on loop threads ({@code blocking=warn|fail}). The agent
 * puts a call to one of the {@code enter} methods at the start of the JDK's blocking methods (and
 * of the {@code blocking.extra} methods), and on JDKs where {@code Thread.sleep(long)} and
 * {@code Object.wait(long)} are native it sends the application's direct calls to them through
 * {@link #sleep(long)} and {@link #waitOn(Object, long)}. With {@code blocking=off} (the default)
 * nothing calls this class.
 *
 * <p><b>Cost.</b> On a thread that is not a loop thread, each entry is one check: the thread's
 * {@link Mark} (a thread local) says "no loop" as of the registry's current {@link #epoch}. Which
 * loop owns a thread is worked out without running any loop's {@code ownsThread} inside a blocking
 * call (see {@link #ownerOf}), once per thread and per change of the registry. On a loop thread the check walks the stack ({@link StackWalker}), which costs microseconds:
 * it happens once per wait of the loop (a loop waiting for work parks once, then sleeps) and once
 * per blocking call, which is the bug being reported.
 *
 * <p><b>What is reported.</b> On a loop thread, the stack is read from the blocking method
 * outwards. The <em>site</em> is the first frame whose class is neither the JDK's (boot or platform
 * loader) nor FFTT's; the <em>call</em> is the JDK frame just above it (the JDK method the site
 * called: {@code CompletableFuture.join}, not the {@code LockSupport.park} beneath it), or the
 * {@code blocking.extra} method, or {@code Thread.sleep}/{@code Object.wait} for a rewritten call
 * site. Not reported (allowed): no such site (the loop's own wait for work, e.g. an executor
 * worker's {@code getTask}, the EDT's {@code EventQueue.getNextEvent}); a site that is FFTT's own
 * (the runtime's loop waiting on its queue, the runtime's logging); class loading on the stack; the
 * EDT's event pumping between the blocking method and the site (a modal dialog's nested loop); a
 * frame the user allowed ({@code blocking.allow}) anywhere on the stack; and a blocking method
 * called from within another checked one (a checked JDK method, or an extra, further out on the
 * stack: that outer entry was the one reported, so one call counts once).
 *
 * <p><b>Re-entrancy.</b> The check itself parks (logging, exporters, class loading): while a thread
 * is inside it, its {@link Mark#busy} flag makes every nested entry return at once.
 *
 * <p><b>Initialization.</b> The agent initializes this class (and {@link Mark}) before it changes
 * any JDK class, so no JDK method runs this class's static initializer from the middle of a
 * blocking call.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BlockingCalls {

  /** {@code blocking=off}. */
  public static final int OFF = 0;
  /** {@code blocking=warn}. */
  public static final int WARN = 1;
  /** {@code blocking=fail}. */
  public static final int FAIL = 2;

  /** What one thread knows about itself. Owned by that thread: plain fields, no races. */
  static final class Mark {
    /** The registry's {@link #epoch} when {@link #loop} was found; -1 before. */
    int epoch = -1;
    /** The loop that owns the thread, or {@code null}. */
    LoopHandle loop;
    /** True while the thread is inside the check (nested entries return at once). */
    boolean busy;
  }

  // An anonymous subclass, not withInitial(lambda): no lambda bootstrap on a thread's first entry.
  private static final ThreadLocal<Mark> MARK = new ThreadLocal<>() {
    @Override
    protected Mark initialValue() {
      return new Mark();
    }
  };

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final int MAX_FRAMES = 512;
  private static final String EDT_CLASS = "java.awt.EventDispatchThread";
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  private static final String[] FFTT_PACKAGES = {
      "dev.fftt.runtime.", "dev.fftt.agent.internal.", "dev.fftt.agent.shaded.",
      "dev.fftt.micrometer.", "dev.fftt.jfr.", "dev.fftt.otel.",
  };

  /**
   * Bumped (under the registry's lock) whenever a loop is registered or unregistered: each thread's
   * cached answer to "which loop owns me" is asked again after a change. Read without a lock on
   * every entry; a thread that reads the old value just uses its old answer for that one call.
   */
  static volatile int epoch;

  // Written by configure (the agent, once, before it changes any JDK class; tests, between their
  // runs), read on loop threads. Volatile, each written whole: a reader sees an old or a new
  // value, never a part of one; a check racing a reconfiguration may use the old settings once.
  private static volatile int mode = OFF;
  private static volatile List<String[]> allowed = List.of();   // {class, method or null}
  private static volatile Set<String> extras = Set.of();        // "class#method"
  private static volatile Set<String> checked = Set.of();       // "class#method" of JDK entries

  /** Call sites already logged ("loop\0call\0site"): {@code warn} logs each once per JVM. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private BlockingCalls() {}

  /**
   * Puts the settings in force: {@code mode} ({@link #OFF}, {@link #WARN}, {@link #FAIL});
   * {@code allow}, entries {@code class} or {@code class#method}; {@code extra}, the extra blocking
   * methods as {@code class#method}; {@code checkedMethods}, the JDK methods that carry an entry
   * check, as {@code class#method}. Also loads what a first entry needs.
   */
  public static void configure(int mode, List<String> allow, Set<String> extra,
      Set<String> checkedMethods) {
    List<String[]> rules = new ArrayList<>();
    for (String a : allow) {
      int hash = a.indexOf('#');
      rules.add(hash < 0 ? new String[] {a, null}
          : new String[] {a.substring(0, hash), a.substring(hash + 1)});
    }
    allowed = List.copyOf(rules);
    extras = Set.copyOf(extra);
    checked = Set.copyOf(checkedMethods);
    MARK.get(); // loads Mark and sets this thread's up
    if (mode != OFF) {
      // The EDT is a loop thread whether or not the application used the swing loop: register
      // it now (when java.desktop is present), as the check never makes a loop itself.
      LoopRegistry.find(SwingLoop.NAME);
    }
    BlockingCalls.mode = mode;
  }

  /** The mode in force. */
  public static int mode() {
    return mode;
  }

  /** A loop was registered or unregistered: every thread asks again which loop owns it. */
  static void loopsChanged() {
    epoch++; // under LoopRegistry's lock: no increment is lost
  }

  // ---- entries, called from instrumented code ----

  /** At the start of a checked JDK method (LockSupport.park*, Thread.sleep/join, Object.wait, I/O). */
  public static void enter() {
    Mark m = MARK.get();
    if (m.loop == null && m.epoch == epoch) {
      return; // not a loop thread: the one check
    }
    check(m, null, null, null);
  }

  /**
   * At the start of a checked channel read or write (only a channel in blocking mode blocks) and
   * of a {@code FileOutputStream} write (not reported for the standard output and error streams:
   * console output, which every logger writes, is not what this check is for).
   */
  public static void enterChannel(Object channel) {
    Mark m = MARK.get();
    if (m.loop == null && m.epoch == epoch) {
      return;
    }
    check(m, null, null, channel);
  }

  /**
   * At the start of a {@code blocking.extra} method {@code className#method}; {@code call} is its
   * display name ({@code Mono.block}).
   */
  public static void enterExtra(String className, String call) {
    Mark m = MARK.get();
    if (m.loop == null && m.epoch == epoch) {
      return;
    }
    check(m, call, className, null);
  }

  /** Replaces an application's direct call of {@code Thread.sleep(long)} where it is native. */
  public static void sleep(long millis) throws InterruptedException {
    Mark m = MARK.get();
    if (m.loop != null || m.epoch != epoch) {
      check(m, "Thread.sleep", "", null);
    }
    Thread.sleep(millis);
  }

  /** Replaces an application's direct call of {@code target.wait(long)} where it is native. */
  public static void waitOn(Object target, long millis) throws InterruptedException {
    Mark m = MARK.get();
    if (m.loop != null || m.epoch != epoch) {
      check(m, "Object.wait", "", null);
    }
    target.wait(millis);
  }

  /**
   * The slow path: {@code call} is null for a JDK entry (the call is read from the stack), else the
   * call's name; {@code ownClass} is the extra's class, or "" for a rewritten call site.
   */
  private static void check(Mark m, String call, String ownClass, Object channel) {
    if (m.busy) {
      return;
    }
    m.busy = true;
    BlockingCallError error;
    try {
      int e = epoch;
      if (m.epoch != e) {
        m.loop = ownerOf(Thread.currentThread(), m.loop);
        m.epoch = e;
      }
      LoopHandle loop = m.loop;
      if (loop == null || mode == OFF || (channel != null && !blockingChannel(channel))) {
        return;
      }
      List<StackFrame> frames = WALKER.walk(s -> s
          .dropWhile(f -> f.getDeclaringClass() == BlockingCalls.class)
          .limit(MAX_FRAMES).collect(Collectors.toList()));
      String[] found = classify(frames, call, ownClass);
      if (found == null) {
        return;
      }
      error = caught(loop, found[0], found[1], frames);
    } catch (RuntimeException | LinkageError bug) {
      return; // never let the check break the call it watches
    } finally {
      m.busy = false;
    }
    if (error != null) {
      throw error;
    }
  }

  /**
   * The loop that owns {@code t}, found without running anyone's code: this runs inside a
   * blocking call, possibly inside the JDK's acquisition of a lock, where asking a loop's
   * {@code ownsThread} (which may take that very lock: AWT's {@code isDispatchThread} does) could
   * wait for the thread itself. So: a started loop's thread knows its loop; the AWT event
   * dispatch thread ({@code java.awt.EventDispatchThread}) belongs to the swing loop; any other
   * thread is a loop's thread from the moment it ran a task of that loop and that loop's
   * {@code ownsThread} said yes ({@link #ranTaskOf}, asked there, outside any lock of the JDK's).
   * {@code known} is what the thread knew before; a loop shut down since no longer owns it.
   */
  private static LoopHandle ownerOf(Thread t, LoopHandle known) {
    if (t instanceof SingleThreadLoop.LoopThread) {
      SingleThreadLoop loop = ((SingleThreadLoop.LoopThread) t).loop;
      return loop.isShutdown() ? null : loop;
    }
    if (t.getClass().getName().equals(EDT_CLASS)) {
      LoopHandle swing = LoopRegistry.registeredSwing();
      if (swing != null) {
        return swing;
      }
    }
    return known == null || known.isShutdown() ? null : known;
  }

  /**
   * A task of {@code loop} (an executor's, the EDT's) starts on the current thread: from now on
   * the thread is that loop's, when the loop's {@code ownsThread} says so. Asked once per thread
   * and loop; costs one thread-local read after that, and nothing when blocking calls are not
   * checked.
   */
  static void ranTaskOf(ExecutorLoop loop) {
    if (mode == OFF) {
      return;
    }
    Mark m = MARK.get();
    if (m.loop == loop || m.busy) {
      return;
    }
    m.busy = true; // the predicate may block: not a blocking call of the application's
    try {
      if (loop.owns(Thread.currentThread())) {
        m.loop = loop;
        m.epoch = epoch;
      }
    } finally {
      m.busy = false;
    }
  }

  private static boolean blockingChannel(Object channel) {
    if (channel instanceof FileOutputStream) {
      try {
        FileDescriptor fd = ((FileOutputStream) channel).getFD();
        return fd != FileDescriptor.out && fd != FileDescriptor.err;
      } catch (IOException e) {
        return true;
      }
    }
    return !(channel instanceof SelectableChannel) || ((SelectableChannel) channel).isBlocking();
  }

  /**
   * {call, site} when the stack is a blocking call to report, else {@code null} (allowed). See the
   * class javadoc for the rules. Package-private for the tests.
   */
  static String[] classify(List<StackFrame> frames, String call, String ownClass) {
    int site = -1;
    for (int i = 0; i < frames.size(); i++) {
      StackFrame f = frames.get(i);
      Class<?> c = f.getDeclaringClass();
      if (ownClass != null && !ownClass.isEmpty() && f.getClassName().equals(ownClass)) {
        continue; // the extra itself (and its overloads calling each other)
      }
      if (isFftt(f.getClassName()) || !isJdk(c)) {
        site = i;
        break;
      }
    }
    if (site < 0 || isFftt(frames.get(site).getClassName())) {
      return null; // the loop's own machinery, or FFTT's own code
    }
    for (int i = 0; i < frames.size(); i++) {
      StackFrame f = frames.get(i);
      String key = f.getClassName() + "#" + f.getMethodName();
      if (i > 0 && (extras.contains(key) && !f.getClassName().equals(ownClass)
          || i < site && checked.contains(key))) {
        return null; // an outer checked method was the one reported
      }
      if (i <= site && classLoading(f) || i < site && eventPump(f) || allows(f)) {
        return null;
      }
    }
    String name = call != null ? call : site > 0 ? display(frames.get(site - 1)) : null;
    return name == null ? null : new String[] {name, describe(frames.get(site))};
  }

  /** Counts, logs (once per site), exports; returns the error to throw under {@code fail}. */
  private static BlockingCallError caught(LoopHandle loop, String call, String site,
      List<StackFrame> frames) {
    loop.blockingCallCaught(call, site);
    StackTraceElement[] stack = new StackTraceElement[frames.size()];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = frames.get(i).toStackTraceElement();
    }
    if (LOGGED.add(loop.name() + "\0" + call + "\0" + site)) {
      BlockingCallError shown = new BlockingCallError(call, loop.name(), site);
      shown.setStackTrace(stack);
      Log.warn("FFTT: blocking call " + call + " on event loop '" + loop.name() + "' at " + site
          + (mode == FAIL ? "; stopped (blocking=fail)" : "; it ran (blocking=warn)")
          + "; logged once per call site", shown);
    }
    Exports.blockingCall(loop.name(), call, site, List.of(stack));
    return mode == FAIL ? new BlockingCallError(call, loop.name(), site) : null;
  }

  static boolean isFftt(String className) {
    for (String p : FFTT_PACKAGES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJdk(Class<?> c) {
    ClassLoader l = c.getClassLoader();
    return l == null || l == PLATFORM;
  }

  private static boolean classLoading(StackFrame f) {
    String m = f.getMethodName();
    return (m.startsWith("loadClass") || m.equals("findClass"))
        && ClassLoader.class.isAssignableFrom(f.getDeclaringClass());
  }

  /** The EDT's event pumping: a nested loop (a modal dialog) waits for events there. */
  private static boolean eventPump(StackFrame f) {
    String c = f.getClassName();
    return c.equals("java.awt.EventDispatchThread")
        || c.equals("java.awt.EventQueue") && f.getMethodName().equals("getNextEvent");
  }

  private static boolean allows(StackFrame f) {
    for (String[] rule : allowed) {
      if (f.getClassName().equals(rule[0])
          && (rule[1] == null || rule[1].equals(f.getMethodName()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code CompletableFuture.join}: the simple (nested: dotted) class name and the method. */
  static String display(StackFrame f) {
    return display(f.getClassName(), f.getMethodName());
  }

  /** {@code Mono.block} for {@code reactor.core.publisher.Mono} and {@code block}. */
  public static String display(String className, String method) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.') + "." + method;
  }

  /** {@code com.acme.Ui.onClick(Ui.java:42)}. */
  static String describe(StackFrame f) {
    return f.getClassName() + "." + f.getMethodName() + "("
        + (f.getFileName() == null ? "Unknown Source" : f.getFileName())
        + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "") + ")";
  }
}
