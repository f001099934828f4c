package dev.fftt.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.micrometer.internal.MicrometerExporter;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.spi.FfttExporter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The exporter the runtime starts: found through ServiceLoader, binds the global registry. */
class MicrometerExporterTest {

  @Test
  void itIsTheMicrometerServiceOfThisModule() {
    assertThat(ServiceLoader.load(FfttExporter.class).stream().map(ServiceLoader.Provider::type))
        .contains(MicrometerExporter.class);
    assertThat(new MicrometerExporter().name()).isEqualTo(FfttExporter.MICROMETER)
        .isEqualTo("micrometer");
  }

  @Test
  void theRuntimeStartedItByItselfAndItBoundTheGlobalRegistry() {
    // No agent here: the runtime searched the system class loader at its first operation, found
    // this module's service and started it, as the agent's micrometer=auto does.
    SimpleMeterRegistry child = new SimpleMeterRegistry();
    Metrics.addRegistry(child);
    try {
      Async.<String>guard("exporter.auto").monitored().build()
          .call(() -> CompletableFuture.completedFuture("x")).join();

      assertThat(child.find(FfttMeterNames.CALLS).tag("operation", "exporter.auto")
          .tag("outcome", "success").tag("fallback", "none").timer().count()).isEqualTo(1);
      assertThat(new MicrometerExporter().start()).as("started again: binds nothing more").isTrue();
      Async.<String>guard("exporter.auto").monitored().build()
          .call(() -> CompletableFuture.completedFuture("y")).join();
      assertThat(child.find(FfttMeterNames.CALLS).tag("operation", "exporter.auto")
          .tag("outcome", "success").tag("fallback", "none").timer().count()).isEqualTo(2);
    } finally {
      Metrics.removeRegistry(child);
    }
  }

  @Test
  void withoutMicrometerItLoadsAndSaysItDidNotStart() throws Exception {
    // This module and the runtime, without Micrometer, in a loader of their own.
    URL module = MicrometerExporter.class.getProtectionDomain().getCodeSource().getLocation();
    URL runtime = FfttExporter.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader bare = new URLClassLoader(new URL[] {module, runtime},
        ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> bare.loadClass("io.micrometer.core.instrument.Metrics"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> exporterType = bare.loadClass(FfttExporter.class.getName());
      Object exporter = ServiceLoader.load(exporterType, bare).findFirst().orElseThrow();

      assertThat(exporter.getClass().getName()).isEqualTo(MicrometerExporter.class.getName());
      assertThat(exporterType.getMethod("start").invoke(exporter)).isEqualTo(false);
    }
  }
}
