package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.test.fixtures.QuoteClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's "Testing async code" examples with the kit, as written there. */
@ExtendWith({FfttExtension.class, FfttTestExtension.class})
class ReadmeExamplesTest {

  private final QuoteClient client = new QuoteClient();
  private final QuoteClient backend = client;

  @Test
  void timesOutAfterTwoSeconds(VirtualClock clock) {
    backend.neverAnswer();
    CompletableFuture<String> call = client.fetch("ACME");
    clock.advanceBy(Duration.ofSeconds(2).minusNanos(1));
    assertThat(call).isNotDone();                            // not a nanosecond early
    clock.advanceBy(Duration.ofNanos(1));                    // the timeout fires here, on this thread
    assertThat(call).failsWithin(Duration.ZERO).withThrowableThat()
        .havingCause().isInstanceOf(AsyncTimeoutException.class);
  }

  @Test
  void retriesAfterBackingOff(FfttTestKit kit) {
    kit.seed(42);
    backend.failNextCalls(2);
    CompletableFuture<String> call = client.fetch("ACME");
    assertThat(backend.calls()).isEqualTo(1);
    Duration firstPause = kit.clock().untilNextTimer().orElseThrow();  // 100 ms ± 10 %
    assertThat(firstPause).isBetween(Duration.ofMillis(90), Duration.ofMillis(110));
    kit.clock().advanceBy(firstPause);
    assertThat(backend.calls()).isEqualTo(2);
    kit.runUntilIdle();                                               // the second pause (200 ms ± 10 %), the third call
    assertThat(backend.calls()).isEqualTo(3);
    assertThat(call).isCompleted();
  }
}
