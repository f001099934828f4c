package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.internal.weave.AnnotationPolicies;
import dev.fftt.runtime.internal.weave.PolicySpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  @AsyncMonitor
  static class Service {
    @Retry(maxRetries = 2, delay = 10, multiplier = 2.0, maxDelay = 30, jitter = 0.1,
        maxDuration = 1, durationUnit = ChronoUnit.SECONDS, retryOn = IOException.class,
        abortOn = java.io.FileNotFoundException.class)
    @LoopCompatible(runOn = "processing")
    CompletableFuture<String> fetch(int id) {
      return null;
    }

    @WithTimeout(value = 100, unit = ChronoUnit.MILLIS, cancel = false)
    @AsyncMonitor("custom_name")
    CompletionStage<String> custom() {
      return null;
    }

    String notAFuture() {
      return null;
    }
  }

  static class Plain {
    CompletableFuture<String> nothing() {
      return null;
    }
  }

  private static Method method(Class<?> c, String name) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void classLevelAnnotationsCombineWithMethodLevelOnesAndMethodLevelOverrides() {
    GuardPolicy fetch = AnnotationPolicies.resolve(method(Service.class, "fetch"), true);
    GuardPolicy custom = AnnotationPolicies.resolve(method(Service.class, "custom"), true);

    assertThat(fetch.monitorName()).isEqualTo("Service.fetch");
    assertThat(fetch.timeoutNanos()).isEqualTo(2_000_000_000L);
    assertThat(fetch.cancelOnTimeout()).isTrue();
    assertThat(fetch.runOn()).isEqualTo("processing");
    assertThat(fetch.loopCompatible()).isTrue();
    RetrySpec r = fetch.retry();
    assertThat(r.maxRetries).isEqualTo(2);
    assertThat(r.delayNanos).isEqualTo(10_000_000L);
    assertThat(r.maxDelayNanos).isEqualTo(30_000_000L);
    assertThat(r.maxDurationNanos).isEqualTo(1_000_000_000L);
    assertThat(r.jitter).isEqualTo(0.1);
    assertThat(r.retries(new IOException())).isTrue();
    assertThat(r.retries(new java.io.FileNotFoundException())).isFalse();

    assertThat(custom.monitorName()).isEqualTo("custom_name");
    assertThat(custom.timeoutNanos()).isEqualTo(100_000_000L);
    assertThat(custom.cancelOnTimeout()).isFalse();
    assertThat(custom.retry()).isNull();
    assertThat(custom.loopCompatible()).isFalse();
  }

  @Test
  void noPolicyForUnannotatedOrNonFutureMethodsAndNoMonitorWhenOff() {
    assertThat(AnnotationPolicies.resolve(method(Plain.class, "nothing"), true)).isNull();
    assertThat(AnnotationPolicies.resolve(method(Service.class, "notAFuture"), true)).isNull();
    GuardPolicy off = AnnotationPolicies.resolve(method(Service.class, "fetch"), false);
    assertThat(off.monitorName()).isNull();
    assertThat(off.operation()).isEqualTo("Service.fetch");
  }

  @Test
  void theGeneratedRowGivesTheSamePolicyAsTheAnnotations() throws Exception {
    String[] row = {"method=fetch", "descriptor=(I)Ljava/util/concurrent/CompletableFuture;",
        "monitor=Service.fetch", "timeout.value=2", "timeout.unit=SECONDS", "timeout.cancel=true",
        "retry.maxRetries=2", "retry.delay=10", "retry.delayUnit=MILLIS", "retry.multiplier=2.0",
        "retry.maxDelay=30", "retry.jitter=0.1", "retry.maxDuration=1", "retry.durationUnit=SECONDS",
        "retry.retryOn=java.io.IOException", "retry.abortOn=java.io.FileNotFoundException",
        "loop=true", "loop.runOn=processing"};

    PolicySpec spec = PolicySpec.parse(row);
    GuardPolicy fromRow = spec.toPolicy(Service.class, true);
    GuardPolicy fromAnnotations = AnnotationPolicies.resolve(method(Service.class, "fetch"), true);

    assertThat(spec.method()).isEqualTo("fetch");
    assertThat(spec.descriptor()).isEqualTo("(I)Ljava/util/concurrent/CompletableFuture;");
    assertThat(fromRow.toString()).isEqualTo(fromAnnotations.toString());
  }

  @Test
  void aBadRowSaysWhatIsWrong() {
    assertThatThrownBy(() -> PolicySpec.parse(new String[] {"method=x"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("descriptor");
    assertThatThrownBy(() -> PolicySpec.parse(new String[] {"nonsense"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
  }

  @Test
  void nestedClassesUseTheirOwnSimpleName() {
    assertThat(AnnotationPolicies.defaultName(Service.class, "ping")).isEqualTo("Service.ping");
  }
}
