package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** Monitoring. Test fixture: refers to the annotations only. */
public class MonitorService {

  @AsyncMonitor("it_monitor")
  public CompletableFuture<String> ok() {
    return CompletableFuture.completedFuture("ok");
  }

  @AsyncMonitor("it_monitor")
  public CompletableFuture<String> fail() {
    return CompletableFuture.failedFuture(new IOException("failed"));
  }

  @AsyncMonitor
  public CompletableFuture<String> named() {
    return CompletableFuture.completedFuture("named");
  }

  @AsyncMonitor("it_monitor_slow")
  @WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> slow() {
    return new CompletableFuture<>();
  }
}
