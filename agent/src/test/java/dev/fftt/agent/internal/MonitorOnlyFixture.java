package dev.fftt.agent.internal;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

/** Only {@code @AsyncMonitor}: woven with monitor=on, left alone with monitor=off. */
public class MonitorOnlyFixture {

  @AsyncMonitor("unit_monitor_only")
  public CompletableFuture<String> counted() {
    return CompletableFuture.completedFuture("counted");
  }
}
