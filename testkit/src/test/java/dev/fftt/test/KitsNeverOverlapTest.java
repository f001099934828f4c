package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under JUnit's parallel execution (this class runs its tests concurrently, four threads: see
 * junit-platform.properties), the tests that use FfttTestExtension never overlap: a counter of
 * kits active at once never passes 1. A test without the kit still runs beside them.
 */
@Execution(ExecutionMode.CONCURRENT)
class KitsNeverOverlapTest {

  private static final AtomicInteger active = new AtomicInteger();
  private static final AtomicInteger maxActive = new AtomicInteger();
  private static final AtomicInteger kitTests = new AtomicInteger();
  private static final CountDownLatch aKitTestIsRunning = new CountDownLatch(1);
  private static final CountDownLatch thePlainTestIsRunning = new CountDownLatch(1);
  private static volatile boolean plainTestSawAKitTest;

  @ParameterizedTest(name = "kit test {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  @ExtendWith(FfttTestExtension.class)
  void kitTest(int n, VirtualClock clock) throws InterruptedException {
    int now = active.incrementAndGet();
    maxActive.accumulateAndGet(now, Math::max);
    try {
      if (n == 1) {
        aKitTestIsRunning.countDown();
        // while this kit test holds the kit, the plain test starts beside it
        assertThat(thePlainTestIsRunning.await(30, TimeUnit.SECONDS))
            .as("a test without the kit runs in parallel with a kit test").isTrue();
      }
      CompletableFuture<Object> call = Async.withTimeout(new CompletableFuture<>(), Duration.ofSeconds(1));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // widen the window an overlap would need
      clock.advanceBy(Duration.ofSeconds(1));
      assertThat(call).isCompletedExceptionally();
      assertThat(call.handle((v, e) -> e).join()).isInstanceOf(AsyncTimeoutException.class);
      kitTests.incrementAndGet();
    } finally {
      active.decrementAndGet();
    }
  }

  @Test
  void aTestWithoutTheKitRunsBesideThem() throws InterruptedException {
    thePlainTestIsRunning.countDown();
    plainTestSawAKitTest = aKitTestIsRunning.await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void noTwoKitsWereEverActiveAtOnce() {
    assertThat(kitTests).hasValue(20);
    assertThat(maxActive).as("kits active at once").hasValue(1);
    assertThat(plainTestSawAKitTest).isTrue();
    System.out.println("FFTT test kit: 20 kit tests under parallel execution, at most "
        + maxActive.get() + " active at once");
  }
}
