package dev.fftt.runtime;

/**
 * Thrown by a blocking call made on an event loop's thread when the agent runs with
 * {@code blocking=fail}: the call is stopped before it blocks, so the loop thread is never held.
 * The message names the call (the JDK method, or a {@code blocking.extra} method, that the
 * application's code called, e.g. {@code CompletableFuture.join}), the loop and the call site (the
 * first frame outside the JDK and FFTT). It is an {@link Error} so that the usual
 * {@code catch (Exception e)} around a call does not swallow it; it ends the task that made the
 * call, and the loop goes on with its next task.
 *
 * <p>Move the call off the loop (compose with {@code thenApply}/{@code whenComplete}, or run it on
 * another executor), or allow it with the configuration key
 * {@code blocking.allow=<class>#<method>}.
 */
public final class BlockingCallError extends Error {

  private static final long serialVersionUID = 1L;

  private final String call;
  private final String loop;
  private final String site;

  /**
   * A blocking {@code call} (e.g. {@code CompletableFuture.join}) made on event loop {@code loop}
   * at {@code site} (e.g. {@code com.acme.Ui.onClick(Ui.java:42)}).
   */
  public BlockingCallError(String call, String loop, String site) {
    super("blocking call " + call + " on event loop '" + loop + "' at " + site
        + ": it would hold the loop's thread; compose the future instead of waiting for it, or"
        + " run the call on another executor (or allow it with blocking.allow=<class>#<method>)");
    this.call = call;
    this.loop = loop;
    this.site = site;
  }

  /** The blocking method the application's code called, e.g. {@code CompletableFuture.join}. */
  public String call() {
    return call;
  }

  /** The name of the event loop whose thread made the call. */
  public String loop() {
    return loop;
  }

  /** The call site: the first frame outside the JDK and FFTT, as class.method(File:line). */
  public String site() {
    return site;
  }
}
