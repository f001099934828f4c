package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.test.fixtures.Backend;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 200 tests of timeouts, retries and a breaker that would each wait seconds on a real clock (2 s
 * timeouts, 100 ms pauses, a 5 s breaker delay: about 8 minutes of virtual time in all), each
 * with its own kit installed and closed by the extension. It prints the wall time of the 200
 * (and of the first alone, which loads and weaves the fixture class and runs cold) and fails
 * above 5 s: a tenth of a percent of the time they cover, with room for a loaded CI machine; on
 * an idle one they take a fraction of a second.
 */
@ExtendWith({FfttExtension.class, FfttTestExtension.class})
class TwoHundredKitTestsTest {

  private static final int CASES = 200;
  private static long startNanos;
  private static long startCpuNanos;
  private static long firstEndedNanos;
  private static long virtualNanos;
  private static int ran;

  @BeforeAll
  static void startTheWatch() {
    startCpuNanos = processCpuNanos();
    startNanos = System.nanoTime(); // after the agent's attach (FfttExtension's beforeAll)
  }

  @AfterAll
  static void wallTimeIsWellUnderASecond() {
    long end = System.nanoTime();
    long millis = TimeUnit.NANOSECONDS.toMillis(end - startNanos);
    System.out.println("FFTT test kit: " + ran + " kit tests covering "
        + Duration.ofNanos(virtualNanos).toSeconds() + " s of virtual time took " + millis
        + " ms of wall time (the first, cold: "
        + TimeUnit.NANOSECONDS.toMillis(firstEndedNanos - startNanos) + " ms; the other "
        + (ran - 1) + ": " + TimeUnit.NANOSECONDS.toMillis(end - firstEndedNanos) + " ms); CPU"
        + " time of the whole JVM meanwhile (JIT and GC included): "
        + TimeUnit.NANOSECONDS.toMillis(processCpuNanos() - startCpuNanos) + " ms");
    assertThat(ran).isEqualTo(CASES);
    assertThat(millis).as("wall time of %d kit tests", CASES).isLessThan(5000);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
  }

  static IntStream cases() {
    return IntStream.range(0, CASES);
  }

  @ParameterizedTest(name = "case {0}")
  @MethodSource("cases")
  void aTimeoutARetryOrABreakerWithoutSleeping(int n, FfttTestKit kit) {
    VirtualClock clock = kit.clock();
    Backend backend = new Backend(clock::nanoTime);
    long t0 = clock.nanoTime();
    switch (n % 3) {
      case 0 -> {
        CompletableFuture<String> call = backend.fetch();
        clock.advanceBy(Duration.ofSeconds(2).minusNanos(1));
        assertThat(call).isNotDone();
        clock.advanceBy(Duration.ofNanos(1));
        assertThat(catchThrowable(call::join)).cause().isInstanceOf(AsyncTimeoutException.class);
      }
      case 1 -> {
        backend.failFirst = 2;
        CompletableFuture<String> call = backend.retrying();
        clock.advanceBy(Duration.ofMillis(200));
        assertThat(backend.bodyRuns).containsExactly(t0, t0 + 100_000_000L, t0 + 200_000_000L);
        backend.body(0).complete("third time");
        assertThat(call).isCompletedWithValue("third time");
      }
      default -> {
        backend.failFirst = 2;
        backend.guarded();
        backend.guarded();
        assertThat(Diagnostics.circuitBreaker("kit_breaker").get().state()).isEqualTo("OPEN");
        clock.advanceBy(Duration.ofSeconds(5).minusNanos(1));
        assertThat(catchThrowable(backend.guarded()::join)).cause()
            .isInstanceOf(CircuitBreakerOpenException.class);
        clock.advanceBy(Duration.ofNanos(1));
        CompletableFuture<String> trial = backend.guarded();
        backend.body(0).complete("closed again");
        assertThat(trial).isCompletedWithValue("closed again");
      }
    }
    assertThat(clock.pendingTimers()).isZero();
    virtualNanos += clock.nanoTime() - t0;
    if (ran++ == 0) {
      firstEndedNanos = System.nanoTime();
    }
  }
}
