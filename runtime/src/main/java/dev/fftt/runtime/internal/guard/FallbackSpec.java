package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.util.Checks;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a call does with its final failure: which failures the fallback handles
 * ({@code applyOn}, minus {@code skipOn}) and the handler that supplies the call's future instead.
 * Immutable.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class FallbackSpec {

  /** Supplies the fallback's future for one failed call. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Runs the fallback once.
     *
     * @param capture what the call captured (a woven method's receiver and arguments), or
     *     {@code null}
     * @param failure the call's final failure, unwrapped
     * @return the future that completes the call; {@code null} fails it
     * @throws Throwable what the fallback throws: it fails the call
     */
    CompletionStage<?> apply(Object capture, Throwable failure) throws Throwable;

    /**
     * Whether this handler can take {@code failure} (a fallback method whose overloads all
     * declare a failure type that {@code failure} is not an instance of cannot). By default, yes.
     */
    default boolean accepts(Throwable failure) {
      return true;
    }
  }

  final String name;
  private final Class<?>[] applyOn;
  private final Class<?>[] skipOn;
  final Handler handler;

  /**
   * @param name the fallback as messages name it (e.g. {@code Backend.cached})
   * @param applyOn failures it handles (with subclasses)
   * @param skipOn failures it does not handle even when in {@code applyOn}
   * @param handler runs it
   */
  public FallbackSpec(String name, List<Class<?>> applyOn, List<Class<?>> skipOn,
      Handler handler) {
    this.name = Checks.notNull(name, "name");
    this.applyOn = applyOn.toArray(new Class<?>[0]);
    this.skipOn = skipOn.toArray(new Class<?>[0]);
    this.handler = Checks.notNull(handler, "handler");
  }

  /** The fallback's name in messages. */
  public String name() {
    return name;
  }

  /**
   * Whether the fallback handles {@code failure} (unwrapped): an applyOn class, no skipOn class,
   * and a handler that accepts it.
   */
  public boolean appliesTo(Throwable failure) {
    return instanceOfAny(failure, applyOn) && !instanceOfAny(failure, skipOn)
        && handler.accepts(failure);
  }

  private static boolean instanceOfAny(Throwable t, Class<?>[] types) {
    for (Class<?> type : types) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name;
  }
}
