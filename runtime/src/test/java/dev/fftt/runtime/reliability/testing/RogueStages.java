package dev.fftt.runtime.reliability.testing;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * {@link CompletionStage}s that break the unwritten rules a {@code CompletableFuture} keeps: one
 * that calls a {@code whenComplete} callback as often as it is told to, and one whose
 * {@code whenComplete} throws. Only {@code whenComplete} and {@code toCompletableFuture} are
 * answered (the latter throws {@link UnsupportedOperationException}, as a stage may); every other
 * method throws {@link UnsupportedOperationException}.
 */
public final class RogueStages {

  private RogueStages() {}

  /** A stage that keeps every {@code whenComplete} callback and calls them all on each {@link #fire}. */
  public static final class Repeating<T> {
    private final List<BiConsumer<? super T, ? super Throwable>> callbacks = new CopyOnWriteArrayList<>();
    private final CompletionStage<T> stage;

    @SuppressWarnings("unchecked")
    Repeating() {
      stage = (CompletionStage<T>) Proxy.newProxyInstance(RogueStages.class.getClassLoader(),
          new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "whenComplete":
                callbacks.add((BiConsumer<? super T, ? super Throwable>) args[0]);
                return proxy;
              case "toString":
                return "RepeatingStage";
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              default:
                throw new UnsupportedOperationException(method.getName());
            }
          });
    }

    /** The stage to hand to the guard. */
    public CompletionStage<T> stage() {
      return stage;
    }

    /** Calls every registered callback with this outcome (again, if it was called before). */
    public void fire(T value, Throwable failure) {
      for (BiConsumer<? super T, ? super Throwable> c : callbacks) {
        c.accept(value, failure);
      }
    }

    /** How many callbacks were registered. */
    public int callbacks() {
      return callbacks.size();
    }
  }

  /** A stage that calls back as often as {@link Repeating#fire} is called. */
  public static <T> Repeating<T> repeating() {
    return new Repeating<>();
  }

  /** A stage whose {@code whenComplete} throws {@code failure} (a broken or closed implementation). */
  @SuppressWarnings("unchecked")
  public static <T> CompletionStage<T> throwingOnWhenComplete(RuntimeException failure) {
    return (CompletionStage<T>) Proxy.newProxyInstance(RogueStages.class.getClassLoader(),
        new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "toString":
              return "ThrowingStage";
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              throw failure;
          }
        });
  }
}
