package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.runtime.internal.weave.MethodSettings;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The values of {@code @CircuitBreaker}, {@code @Bulkhead} and {@code @Fallback} as the agent
 * reads them from the class file ({@link ClassScan}, {@link Weaver#settings}) are those the
 * runtime reads reflectively ({@link MethodSettings#of}): class arrays (nested classes by binary
 * name, empty arrays), strings, doubles, enums; the type's annotations reach its methods, a
 * method's own replaces the type's.
 */
class ResilienceSettingsTest {

  private static final ClassScan SCAN =
      ClassScan.of(Woven.classFile(ResilienceSettingsFixture.class));

  @ParameterizedTest
  @ValueSource(strings = {"fromType", "own", "defaults"})
  void everyValueReadFromTheClassFileIsTheOneReflectionReads(String name) throws Exception {
    MethodSettings fromClassFile = fromClassFile(name);
    MethodSettings reflected = MethodSettings.of(method(name));

    for (Class<? extends Annotation> type : MethodSettings.ANNOTATIONS) {
      assertThat(fromClassFile.has(type)).as("%s: %s", name, type.getSimpleName())
          .isEqualTo(reflected.has(type));
      if (reflected.has(type)) {
        for (Method attribute : type.getDeclaredMethods()) {
          assertThat(fromClassFile.text(type, attribute.getName()))
              .as("%s: %s.%s", name, type.getSimpleName(), attribute.getName())
              .isEqualTo(reflected.text(type, attribute.getName()));
        }
      }
    }
  }

  @Test
  void theTypesBreakerAndBulkheadReachAMethodWithTheirValues() {
    MethodSettings s = fromClassFile("fromType");

    assertThat(s.has(CircuitBreaker.class)).isTrue();
    assertThat(s.has(Bulkhead.class)).isTrue();
    assertThat(s.has(Fallback.class)).isFalse();
    assertThat(s.intValue(CircuitBreaker.class, "requestVolumeThreshold")).isEqualTo(7);
    assertThat(s.doubleValue(CircuitBreaker.class, "failureRatio")).isEqualTo(0.25);
    assertThat(s.longValue(CircuitBreaker.class, "delay")).isEqualTo(3);
    assertThat(s.enumValue(CircuitBreaker.class, "delayUnit", ChronoUnit.class))
        .isEqualTo(ChronoUnit.SECONDS);
    assertThat(s.intValue(CircuitBreaker.class, "successThreshold")).isEqualTo(2);
    assertThat(s.classNames(CircuitBreaker.class, "failOn"))
        .containsExactly("java.io.IOException", "java.util.concurrent.TimeoutException");
    assertThat(s.classNames(CircuitBreaker.class, "skipOn"))
        .containsExactly(ResilienceSettingsFixture.Custom.class.getName());
    assertThat(s.intValue(Bulkhead.class, "value")).isEqualTo(3);
    assertThat(s.intValue(Bulkhead.class, "waitingTaskQueue")).isZero();
  }

  @Test
  void aMethodsOwnBreakerReplacesTheTypesAndItsFallbackIsRead() {
    MethodSettings s = fromClassFile("own");

    // the method's breaker, whole: what it does not set is the annotation's default, not the type's
    assertThat(s.intValue(CircuitBreaker.class, "requestVolumeThreshold")).isEqualTo(20);
    assertThat(s.doubleValue(CircuitBreaker.class, "failureRatio")).isEqualTo(1.0);
    assertThat(s.classNames(CircuitBreaker.class, "failOn")).containsExactly("java.lang.Throwable");
    assertThat(s.classNames(CircuitBreaker.class, "skipOn")).isEmpty();
    assertThat(s.intValue(Bulkhead.class, "value")).as("the type's bulkhead still").isEqualTo(3);
    assertThat(s.text(Fallback.class, "fallbackMethod")).isEqualTo("fallback");
    assertThat(s.classNames(Fallback.class, "applyOn"))
        .containsExactly("java.io.IOException", "java.lang.Error");
    assertThat(s.classNames(Fallback.class, "skipOn")).containsExactly("java.io.FileNotFoundException");
  }

  @Test
  void theWeaverWeavesEveryMethodTheAnnotationsReachAndNoOther() {
    Woven.RecordingListener listener = new Woven.RecordingListener();

    Woven.weave(ResilienceSettingsFixture.class.getName(),
        Woven.classFile(ResilienceSettingsFixture.class), true, listener);

    // fromType, own, defaults and the (unannotated) fallback, reached by the type's annotations
    assertThat(listener.events)
        .containsExactly("woven " + ResilienceSettingsFixture.class.getName() + " 4");
  }

  private static MethodSettings fromClassFile(String name) {
    ClassScan.MethodInfo info = SCAN.methods.stream().filter(m -> m.name.equals(name))
        .findFirst().orElseThrow();
    return MethodSettings.parse(Weaver.settings(SCAN, info));
  }

  private static Method method(String name) {
    return List.of(ResilienceSettingsFixture.class.getDeclaredMethods()).stream()
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }
}
