package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.Attempt;
import java.util.concurrent.CompletionStage;

/**
 * One call of a woven method as the guard's {@link Attempt}: every {@link #start()} runs the
 * method's original body again with the receiver and arguments of the call. Immutable.
 *
 * <p>Internal; not API, may change without notice.
 */
final class WovenAttempt implements Attempt<Object> {

  private final WovenMethod method;
  private final Object receiver;
  private final Object[] arguments;

  WovenAttempt(WovenMethod method, Object receiver, Object[] arguments) {
    this.method = method;
    this.receiver = receiver;
    this.arguments = arguments;
  }

  @Override
  public CompletionStage<Object> start() throws Throwable {
    return method.invokeBody(receiver, arguments);
  }

  @Override
  public String toString() {
    return "WovenAttempt[" + method + "]";
  }
}
