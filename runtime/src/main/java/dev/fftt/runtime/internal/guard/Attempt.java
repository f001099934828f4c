package dev.fftt.runtime.internal.guard;

import java.util.concurrent.CompletionStage;

/**
 * Starts one attempt of a guarded operation: runs the method body (or the user's supplier) once
 * and returns its future. May throw or return {@code null}; the guard turns both into failures.
 *
 * <p>Internal; not API, may change without notice.
 */
@FunctionalInterface
public interface Attempt<T> {

  /** Runs the operation once and returns its (possibly already completed) future. */
  CompletionStage<T> start() throws Throwable;

  /**
   * Runs the operation once with what the call captured for it ({@code null} when nothing was):
   * a woven method's receiver and arguments, so that one attempt object serves every call of the
   * method and a call allocates none. By default the capture is ignored.
   */
  default CompletionStage<T> start(Object capture) throws Throwable {
    return start();
  }
}
