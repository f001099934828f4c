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
}
