package dev.fftt.samples.agent;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.util.concurrent.CompletableFuture;

/**
 * The background side of the two-loop architecture: starts the "processing" loop that agent work
 * runs on (the seed's background asyncio loop), and publishes events there.
 */
public final class EventQueue {

  private final String name;
  private EventLoop loop;

  public EventQueue(String name) {
    this.name = name;
  }

  /** Starts the loop; completes once it runs. */
  public CompletableFuture<Void> start() {
    loop = EventLoops.start(name);
    return loop.submit(() -> {
      Console.say("event queue '" + name + "' started");
      return CompletableFuture.completedFuture(null);
    });
  }

  /** Publishes an event, handled on the loop. */
  public void publish(String event) {
    loop.execute(() -> Console.say("event: " + event));
  }

  /** Stops the loop after the events already published. */
  public void stop() {
    loop.shutdown();
  }
}
