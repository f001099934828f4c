package dev.fftt.samples.agent;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated model service. Each request follows a script, so the sample's story is the same on
 * every run: some answer at once, some fail first ("overloaded"), some are slow first (longer than
 * the caller's limit), one never recovers, and one is always slower than any attempt may take.
 */
public final class ModelBackend {

  /** What one attempt of a request does. */
  enum Step { ANSWER, FAIL, SLOW }

  private final Map<String, Step[]> scripts = Map.of(
      "req_001", new Step[] {Step.ANSWER},
      "req_002", new Step[] {Step.FAIL, Step.ANSWER},
      "req_003", new Step[] {Step.SLOW, Step.ANSWER},
      "req_004", new Step[] {Step.FAIL, Step.SLOW, Step.FAIL},
      "req_005", new Step[] {Step.SLOW});
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private volatile boolean summarizerDown;

  /** Answers {@code prompt} for request {@code requestId}, as its script says for this attempt. */
  public CompletableFuture<String> complete(String requestId, String prompt) {
    int attempt = attempts.computeIfAbsent(requestId, k -> new AtomicInteger()).getAndIncrement();
    Step[] script = scripts.getOrDefault(requestId, new Step[] {Step.ANSWER});
    Step step = script[Math.min(attempt, script.length - 1)];
    switch (step) {
      case FAIL:
        return CompletableFuture.failedFuture(new IOException("model overloaded"));
      case SLOW:
        return answerAfter(prompt, 1_500);
      default:
        return answerAfter(prompt, 40);
    }
  }

  /** Takes the summarizer model down ({@code true}) or brings it back. */
  public void summarizerDown(boolean down) {
    summarizerDown = down;
  }

  /** A one-line summary of {@code text} from the summarizer model; fails while it is down. */
  public CompletableFuture<String> summarize(String text) {
    if (summarizerDown) {
      return CompletableFuture.failedFuture(new IOException("summarizer model unavailable"));
    }
    return answerAfter("summary of " + text, 20);
  }

  private static CompletableFuture<String> answerAfter(String prompt, long millis) {
    Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(() -> "answer to '" + prompt + "'", later);
  }
}
