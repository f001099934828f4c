package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * A class listed in the test classes' processor index ({@code META-INF/fftt/woven-classes.idx}
 * in the test resources), as if compiled with the processor: the agent never reports it as
 * unchecked. Its values (a 120 ms timeout under a monitor name of its own) come from the class
 * file through the bootstrap, as every woven method's do.
 */
public class CheckedService {

  @AsyncMonitor("it_checked_slow")
  @WithTimeout(value = 120, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> slow() {
    return new CompletableFuture<>();
  }

  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> quick() {
    return CompletableFuture.completedFuture("quick");
  }
}
