package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.internal.weave.AnnotationPolicies;
import dev.fftt.runtime.internal.weave.MethodSettings;
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
  void theSettingsTheAgentWritesGiveTheSamePolicyAsTheAnnotations() throws Exception {
    // as the agent writes them from the class file: only the values set, defaults left out
    MethodSettings written = MethodSettings.parse("AsyncMonitor", "WithTimeout",
        "WithTimeout/value=2", "WithTimeout/unit=SECONDS", "Retry", "Retry/maxRetries=2",
        "Retry/delay=10", "Retry/multiplier=2.0", "Retry/maxDelay=30", "Retry/jitter=0.1",
        "Retry/maxDuration=1", "Retry/durationUnit=SECONDS", "Retry/retryOn=java.io.IOException",
        "Retry/abortOn=java.io.FileNotFoundException", "LoopCompatible",
        "LoopCompatible/runOn=processing");

    GuardPolicy fromSettings = AnnotationPolicies.policy(written, Service.class, "fetch",
        "()Ljava/util/concurrent/CompletableFuture;", false, null, true);
    GuardPolicy fromAnnotations = AnnotationPolicies.resolve(method(Service.class, "fetch"), true);

    assertThat(fromSettings.toString()).isEqualTo(fromAnnotations.toString());
    assertThat(written.intValue(Retry.class, "maxRetries")).isEqualTo(2);
    assertThat(written.booleanValue(WithTimeout.class, "cancel")).as("the default").isTrue();
  }

  @Test
  void settingsTheRuntimeDoesNotUnderstandAreErrorsThatSayWhat() {
    assertThatThrownBy(() -> MethodSettings.parse("Retry/maxRetrys=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@Retry has no attribute 'maxRetrys'");
    assertThatThrownBy(() -> MethodSettings.parse("Bulk/value=2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no FFTT annotation");
    assertThatThrownBy(() -> MethodSettings.parse("Retry/maxRetries"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Annotation/attribute=value");
    assertThatThrownBy(() -> MethodSettings.parse("Retry", "Retry/maxRetries=two")
        .intValue(Retry.class, "maxRetries"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@Retry(maxRetries = two) cannot be read as its type int");
  }

  @Test
  void joinedSettingsSplitBackWhateverTheyHold() {
    String[] entries = {"LoopCompatible", "LoopCompatible/runOn=a:b 12:x\n\u0000", "", "Retry"};
    assertThat(MethodSettings.split(MethodSettings.join(entries))).containsExactly(entries);
    assertThat(MethodSettings.split("")).isEmpty();
    assertThatThrownBy(() -> MethodSettings.split("9:Retry")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not length:entry pairs");
    assertThatThrownBy(() -> MethodSettings.split("x:Retry")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAttributeOfEveryAnnotationHasAReadableDefault() {
    MethodSettings none = MethodSettings.parse();
    for (Class<? extends java.lang.annotation.Annotation> a : MethodSettings.ANNOTATIONS) {
      for (Method attribute : a.getDeclaredMethods()) {
        assertThat(none.text(a, attribute.getName())).as("%s.%s", a.getSimpleName(),
            attribute.getName()).isNotNull();
      }
    }
  }

  @Test
  void nestedClassesUseTheirOwnSimpleName() {
    assertThat(AnnotationPolicies.defaultName(Service.class, "ping")).isEqualTo("Service.ping");
  }
}
