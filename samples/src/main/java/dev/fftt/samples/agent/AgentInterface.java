package dev.fftt.samples.agent;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's agent interface. Every guard comes from the annotations: the agent weaves them when
 * this class loads, and the processor checked them when it compiled. Bodies run on the
 * "processing" loop; callers on the ui loop get their results back on the ui loop.
 */
@LoopCompatible(runOn = "processing")
public class AgentInterface {

  private final String agentId;
  private final EventQueue events;
  private final ModelBackend model;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private volatile AgentState state = AgentState.IDLE;

  public AgentInterface(String agentId, EventQueue events, ModelBackend model) {
    this.agentId = agentId;
    this.events = events;
    this.model = model;
  }

  /** Moves the agent to {@code next}, on the processing loop. */
  @AsyncMonitor("agent_state")
  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<AgentState> setAgentState(AgentState next) {
    AgentState previous = state;
    state = next;
    Console.say("agent " + agentId + ": " + previous + " -> " + next);
    events.publish("state " + next);
    return CompletableFuture.completedFuture(next);
  }

  /**
   * Sends the prompt to the model, waiting at most {@code timeout} for it (the seed's
   * {@code qasync_wait_for} inside the method), retries twice when the model is overloaded or too
   * slow, and validates the answer. Each attempt is also capped by the woven 800 ms, whatever
   * timeout the caller passes.
   */
  @AsyncMonitor("agent_processing")
  @WithTimeout(value = 800, unit = ChronoUnit.MILLIS)
  @Retry(maxRetries = 2, delay = 100, multiplier = 2.0, maxDelay = 1_000,
      retryOn = {IOException.class, AsyncTimeoutException.class})
  public CompletableFuture<String> processWithValidation(String requestId, String userPrompt,
      Duration timeout) {
    int attempt = attempts.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
    Console.say("processWithValidation(" + requestId + ") attempt #" + attempt + " starts");
    CompletableFuture<String> answer = Async.withTimeout(model.complete(requestId, userPrompt), timeout)
        .whenComplete((reply, failure) -> {
          if (failure != null) {
            Console.say("processWithValidation(" + requestId + ") attempt #" + attempt
                + " failed: " + failure);
          }
        })
        .thenCompose(reply -> validate(requestId, reply));
    answer.whenComplete((reply, failure) -> {
      if (failure instanceof CancellationException) {
        Console.say("processWithValidation(" + requestId + ") attempt #" + attempt
            + " was cancelled by the woven @WithTimeout(800 ms)");
      }
    });
    return answer;
  }

  /**
   * Asks the summarizer model for a one-line summary of the conversation. When that model is
   * down, the breaker stops calling it after 4 failed attempts in a row (the window is 4, half of
   * it failing opens it) and lets one trial through 300 ms later; meanwhile the fallback answers
   * from the cache, so the ui always gets a summary.
   */
  @AsyncMonitor("agent_summary")
  @WithTimeout(value = 500, unit = ChronoUnit.MILLIS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 300,
      delayUnit = ChronoUnit.MILLIS)
  @Fallback(fallbackMethod = "cachedSummary")
  public CompletableFuture<String> summarize(String conversation) {
    Console.say("summarize: calling the summarizer model");
    return model.summarize(conversation);
  }

  /** The fallback while the breaker is open: the summarizer was not even called. */
  private CompletableFuture<String> cachedSummary(String conversation,
      CircuitBreakerOpenException open) {
    Console.say("summarize: breaker open, the model was not called; cached summary");
    return CompletableFuture.completedFuture("(cached) " + conversation);
  }

  /** The fallback for any other failure of the summarizer. */
  private CompletableFuture<String> cachedSummary(String conversation, Throwable failure) {
    Console.say("summarize: " + failure.getMessage() + "; cached summary");
    return CompletableFuture.completedFuture("(cached) " + conversation);
  }

  /** Checks the model's answer (on the processing loop, as the whole class is). */
  @AsyncMonitor("agent_validation")
  CompletableFuture<String> validate(String requestId, String answer) {
    Console.say("validate(" + requestId + "): " + answer);
    if (answer.isBlank()) {
      return CompletableFuture.failedFuture(new IllegalStateException("empty answer"));
    }
    return CompletableFuture.completedFuture(answer);
  }
}
