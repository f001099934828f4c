package dev.fftt.samples.agent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * The ui side (the seed's qasync/Qt loop): handlers run on the Swing event dispatch thread. They
 * call the agent without blocking and update the "screen" in callbacks, which FFTT delivers back
 * on the event dispatch thread.
 */
final class UiController {

  private final AgentInterface agent;

  UiController(AgentInterface agent) {
    this.agent = agent;
  }

  /** A "send" click: runs on the EDT, returns at once; the reply lands on the EDT too. */
  CompletableFuture<String> onSend(String requestId, String prompt, Duration timeout) {
    Console.say("ui: send " + requestId + " (waits at most " + timeout.toMillis() + " ms for the model)");
    return agent.processWithValidation(requestId, prompt, timeout)
        .whenComplete((answer, failure) -> {
          if (failure == null) {
            Console.say("ui: show " + requestId + " -> " + answer);
          } else {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            Console.say("ui: error " + requestId + " -> " + cause
                + " (earlier attempts' failures attached: " + cause.getSuppressed().length + ")");
          }
        });
  }

  /**
   * A handler written the wrong way: it waits on the EDT. The watchdog sees the ui loop stall and
   * reports this frame. (The build only checks @LoopCompatible bodies; this one is a plain lambda.)
   */
  void badHandlerThatBlocks(CountDownLatch done) {
    Console.say("ui: a handler blocks the event thread for 600 ms (deliberately)");
    long until = System.nanoTime() + 600_000_000L;
    try {
      while (System.nanoTime() < until) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    done.countDown();
  }
}
