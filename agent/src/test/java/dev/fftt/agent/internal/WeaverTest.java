package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The inlined prefix at bytecode level: fixtures woven by the agent's own {@link Weaver} (as at
 * load time), loaded in a class loader of their own and run in-process.
 */
@Timeout(60)
class WeaverTest {

  private FixtureApi fixture;

  @BeforeEach
  void weave() throws ReflectiveOperationException {
    fixture = (FixtureApi) Woven.load(AdviceFixture.class, true).getConstructor().newInstance();
  }

  @Test
  void aRetryRunsTheBodyAgainWithTheSameReceiverAndArguments() {
    String value = fixture.retried(2, "x", new long[] {4, 2}).join();

    assertThat(value).isEqualTo("x3");
    assertThat(fixture.calls()).hasValue(3);
    assertThat(fixture.receivers()).hasSize(3).allMatch(r -> r == fixture);
    assertThat(fixture.arguments()).containsOnly("2/x/[4, 2]").hasSize(3);
  }

  @Test
  void theLastFailureCarriesTheEarlierOnesWhenRetriesRunOut() {
    Throwable t = catchThrowable(() -> fixture.retried(5, "y", new long[0]).join());

    assertThat(t).isInstanceOf(CompletionException.class).cause()
        .isInstanceOf(IOException.class).hasMessage("attempt 3");
    assertThat(t.getCause().getSuppressed()).hasSize(2);
  }

  @Test
  void privateStaticMethodsAreWovenAndRetried() throws Exception {
    Class<?> woven = fixture.getClass();
    java.lang.reflect.Field calls = woven.getDeclaredField("STATIC_CALLS");
    calls.setAccessible(true);
    ((java.util.concurrent.atomic.AtomicInteger) calls.get(null)).set(0);

    assertThat(fixture.viaPrivateStatic("s").join()).isEqualTo("s4");
  }

  @Test
  void aTimeoutFailsTheCallersFutureAndCancelsTheBodys() {
    CompletableFuture<String> f = fixture.never();

    Throwable t = catchThrowable(f::join);

    assertThat(t).cause().isInstanceOf(AsyncTimeoutException.class)
        .hasMessageContaining("AdviceFixture.never").hasMessageContaining("50 ms");
    assertThat(f).isNotSameAs(fixture.lastBody());
    assertThat(fixture.lastBody()).isCancelled();
  }

  @Test
  void anUnannotatedMethodIsLeftAsWritten() {
    CompletableFuture<String> f = fixture.unannotated(false);

    assertThat(f).isSameAs(fixture.lastBody());
    assertThatThrownBy(() -> fixture.unannotated(true)).isInstanceOf(IllegalStateException.class);
    assertThat(fixture.notAFuture()).isEqualTo("plain");
  }

  @Test
  void aWovenCallInsideAGuardedBodyIsGuardedToo() {
    // outer()'s body runs as the re-entered attempt; the re-entry mark must be consumed by it,
    // so its call to retried() is guarded (retried) rather than run bare.
    String value = fixture.outer().join();

    assertThat(value).isEqualTo("outer(inner3)");
    assertThat(fixture.calls()).hasValue(3);
  }

  @Test
  void callsFromManyThreadsAreEachGuarded() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletableFuture<Throwable>[] calls = new CompletableFuture[8];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = CompletableFuture.supplyAsync(() -> fixture.never()).thenCompose(f -> f)
          .handle((v, e) -> e);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> CompletableFuture.allOf(calls).isDone());
    for (CompletableFuture<Throwable> c : calls) {
      assertThat(c.join()).isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(AsyncTimeoutException.class);
    }
  }

  @Test
  void monitorOffLeavesAMonitorOnlyMethodUnwoven() throws Exception {
    Woven.RecordingListener listener = new Woven.RecordingListener();
    byte[] file = Woven.classFile(MonitorOnlyFixture.class);

    assertThat(Woven.weave(MonitorOnlyFixture.class.getName(), file, false, listener)).isNull();
    assertThat(Woven.weave(MonitorOnlyFixture.class.getName(), file, true, listener)).isNotNull();

    Object counted = Woven.load(MonitorOnlyFixture.class, true).getConstructor().newInstance();
    Diagnostics.reset();
    ((CompletableFuture<?>) counted.getClass().getMethod("counted").invoke(counted)).join();
    assertThat(Diagnostics.operation("unit_monitor_only")).get()
        .satisfies(s -> assertThat(s.successes()).isEqualTo(1));
  }

  @Test
  void aClassWithoutAnnotationsIsLeftAlone() {
    Woven.RecordingListener listener = new Woven.RecordingListener();

    assertThat(Woven.weave(PlainFixture.class.getName(), Woven.classFile(PlainFixture.class), true,
        listener)).isNull();
    assertThat(listener.events).isEmpty();
  }

  @Test
  void aBridgeIsSkippedSilentlyAndTheRealMethodWoven() throws Exception {
    Woven.RecordingListener listener = new Woven.RecordingListener();
    byte[] file = Woven.classFile(BridgeFixture.class);
    assertThat(java.util.Arrays.stream(BridgeFixture.class.getDeclaredMethods())
        .filter(java.lang.reflect.Method::isBridge)).as("javac wrote the bridge").hasSize(1);

    Woven.weave(BridgeFixture.class.getName(), file, true, listener);

    assertThat(listener.events).containsExactly("woven " + BridgeFixture.class.getName() + " 1");
  }

  @Test
  void aMethodBesideOneThatNamesAMissingClassIsGuarded() throws Throwable {
    String name = OptionalDependencyFixture.class.getName();
    String missing = OptionalDependencyFixture.MissingDependency.class.getName();
    byte[] woven = Woven.weave(name, Woven.classFile(OptionalDependencyFixture.class), true,
        new Woven.RecordingListener());
    ClassLoader loader = new Woven.OneClassLoader(name, woven) {
      @Override
      protected Class<?> loadClass(String className, boolean resolve)
          throws ClassNotFoundException {
        if (className.equals(missing)) {
          throw new ClassNotFoundException(className + " (hidden: an absent optional dependency)");
        }
        return super.loadClass(className, resolve);
      }
    };
    Class<?> type = loader.loadClass(name);
    assertThatThrownBy(type::getDeclaredMethods).as("reflection over the class fails")
        .isInstanceOf(NoClassDefFoundError.class);
    java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
    Object instance = lookup.findConstructor(type, java.lang.invoke.MethodType.methodType(void.class))
        .invoke();
    CompletableFuture<?> call = (CompletableFuture<?>) lookup.findVirtual(type, "guarded",
        java.lang.invoke.MethodType.methodType(CompletableFuture.class)).invoke(instance);

    assertThatThrownBy(() -> call.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .as("guarded: its 50 ms timeout fired")
        .hasCauseInstanceOf(dev.fftt.runtime.AsyncTimeoutException.class);
  }

  @Test
  void annotationsOnAMethodThatIsNotAFutureAreReported() {
    Woven.RecordingListener listener = new Woven.RecordingListener();

    Woven.weave(AdviceFixture.class.getName(), Woven.classFile(AdviceFixture.class), true, listener);

    assertThat(listener.events).anyMatch(e -> e.startsWith("misapplied "
        + AdviceFixture.class.getName() + ".notAFuture: it returns java.lang.String"));
    // retried, privateStatic, never, outer
    assertThat(listener.events).contains("woven " + AdviceFixture.class.getName() + " 4");
  }

  @Test
  void aJava6ClassIsRefusedWithTheReason() throws Exception {
    byte[] java6 = new ByteBuddy(ClassFileVersion.JAVA_V6)
        .subclass(Object.class)
        .name("dev.fftt.agent.internal.Java6Fixture")
        .defineMethod("ping", CompletableFuture.class, Visibility.PUBLIC, Ownership.STATIC)
        .intercept(FixedValue.nullValue())
        .annotateMethod(AnnotationDescription.Builder.ofType(WithTimeout.class)
            .define("value", 5L).define("unit", ChronoUnit.SECONDS).build())
        .make()
        .getBytes();
    Woven.RecordingListener listener = new Woven.RecordingListener();

    assertThat(Woven.weave("dev.fftt.agent.internal.Java6Fixture", java6, true, listener)).isNull();
    assertThat(listener.events).singleElement().asString()
        .startsWith("failed dev.fftt.agent.internal.Java6Fixture: its class file version 50")
        .contains("older than Java 7");
  }

  @Test
  @SuppressWarnings("unchecked")
  void methodShapesThatStressTheFramesAreWovenAndRetried() throws Exception {
    Class<?> woven = Woven.load(ShapesFixture.class, true);
    Object shapes = woven.getConstructor().newInstance();
    java.util.function.Supplier<Integer> calls = (java.util.function.Supplier<Integer>) shapes;

    Object loop = woven.getMethod("loopFirst", int.class).invoke(shapes, 105);
    assertThat(((CompletableFuture<String>) loop).join()).isEqualTo("loop100");
    assertThat(calls.get()).isEqualTo(3);

    Object wide = woven.getMethod("wide", long.class, double.class, byte.class, char.class,
        boolean.class, float.class, short.class)
        .invoke(shapes, 7L, 2.5, (byte) 1, 'c', true, 1.5f, (short) 9);
    assertThat(((java.util.concurrent.CompletionStage<String>) wide).toCompletableFuture().join())
        .isEqualTo("7/2.5/1/c/true/1.5/9");
    assertThat(calls.get()).isEqualTo(6);

    Object failed = woven.getMethod("wide", long.class, double.class, byte.class, char.class,
        boolean.class, float.class, short.class)
        .invoke(shapes, -1L, 0.0, (byte) 0, 'x', false, 0f, (short) 0);
    assertThat(catchThrowable(() -> ((java.util.concurrent.CompletionStage<String>) failed)
        .toCompletableFuture().join())).cause().isInstanceOf(IllegalArgumentException.class);

    Object stat = woven.getMethod("staticWide", double.class, woven).invoke(null, 0.5, shapes);
    assertThat(((CompletableFuture<String>) stat).join()).isEqualTo("static0.5");
  }
}
