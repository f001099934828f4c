package dev.fftt.agent.it.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Overrides a woven method and calls it through super: retries must run the base body only. */
public class DerivedService extends BaseService {

  public final AtomicInteger derivedCalls = new AtomicInteger();

  @Override
  public CompletableFuture<String> work() {
    derivedCalls.incrementAndGet();
    return super.work().thenApply(s -> "derived+" + s);
  }
}
