package good;

import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.WithTimeout;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/** Blocking calls that are not the woven method's own: all allowed. */
public class BlockingOutsideTheBody {
  private final Map<String, String> cache = new HashMap<>();

  @LoopCompatible
  public CompletableFuture<String> inLambda(CompletableFuture<String> source, Executor executor) {
    return CompletableFuture.supplyAsync(() -> source.join(), executor);
  }

  @LoopCompatible
  @WithTimeout(5)
  public CompletableFuture<String> inBlockLambda(ExecutorService pool) {
    Callable<String> task = () -> {
      Thread.sleep(10);
      return "done";
    };
    CompletableFuture<String> result = new CompletableFuture<>();
    pool.submit(() -> {
      try {
        result.complete(task.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @LoopCompatible
  public CompletableFuture<String> inAnonymousClass(CompletableFuture<String> source) {
    Supplier<String> supplier = new Supplier<String>() {
      @Override
      public String get() {
        return source.join();
      }
    };
    return CompletableFuture.completedFuture(supplier.get());
  }

  @LoopCompatible
  public CompletableFuture<String> inLocalClass(CompletableFuture<String> source) {
    class Waiter {
      String await() {
        return source.join();
      }
    }
    return CompletableFuture.completedFuture(new Waiter().await());
  }

  @LoopCompatible
  public CompletableFuture<String> methodReferenceAndComposition(CompletableFuture<String> source) {
    Function<CompletableFuture<String>, String> joiner = CompletableFuture::join;
    return source.thenApply(String::trim).thenApply(s -> s + joiner.hashCode());
  }

  @LoopCompatible
  public CompletableFuture<String> sameNamesOtherTypes(Optional<String> maybe) {
    String joined = String.join(",", "a", "b");
    cache.put("k", joined);
    return CompletableFuture.completedFuture(cache.get("k") + maybe.get());
  }

  @LoopCompatible
  public CompletableFuture<Void> asyncWithExecutor(Executor executor) {
    return CompletableFuture.runAsync(() -> cache.clear(), executor);
  }

  // Not woven (no annotation): may block.
  public String plainBlocking(CompletableFuture<String> source) {
    return source.join();
  }
}
