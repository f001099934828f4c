package dev.fftt.samples.spring;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The "pricing" event loop: one thread that owns the exchange rates, so they need no lock.
 * {@link QuoteService#convert} runs there through {@code @LoopCompatible(runOn = "pricing")}.
 */
@Component
public class PricingLoop {

  static final String NAME = "pricing";
  private final EventLoop loop = EventLoops.start(NAME);

  @PreDestroy
  void stop() {
    loop.shutdown();
  }
}
