package good;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Methods returning CompletableFuture, CompletionStage and subtypes of them. */
public class CompletionStageSubtypes {
  /** A subclass of CompletableFuture. */
  public static final class Job<T> extends CompletableFuture<T> {}

  /** An interface extending CompletionStage. */
  public interface Answer<T> extends CompletionStage<T> {}

  @WithTimeout(1)
  public CompletionStage<String> stage() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry
  public Job<String> job() {
    Job<String> job = new Job<>();
    job.complete("x");
    return job;
  }

  @AsyncMonitor
  public Answer<String> answer() {
    return null;
  }

  @AsyncMonitor
  public <T extends CompletionStage<String>> T generic(T stage) {
    return stage;
  }
}
