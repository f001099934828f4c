package dev.fftt.samples.misuse;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

/** Rule 5: monitor names are [A-Za-z0-9_.-]+ so they read well in reports and JSON. */
public class Rule5BadMonitorName {
  @AsyncMonitor("agent processing") // expect-error: rule 5
  public CompletableFuture<String> process() {
    return CompletableFuture.completedFuture("x");
  }
}
