package dev.fftt.samples.buildwoven;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Run in a forked JVM by {@link BuildWovenSampleIT}: calls the build-woven {@link Inventory} with
 * fftt-micrometer and Micrometer on the class path (no agent) and prints what reached Micrometer's
 * global registry.
 */
public final class ExporterCheck {

  private ExporterCheck() {}

  public static void main(String[] args) throws Exception {
    Metrics.globalRegistry.add(new SimpleMeterRegistry());
    new Inventory().stock("apple").get(5, TimeUnit.SECONDS);
    if (!"off".equals(System.getProperty("fftt.micrometer"))) {
      // the call is recorded as its future completes, which may be just after get returns
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calls() != null
          && calls().count() > 0);
    }
    Timer calls = calls();
    Counter retries = Metrics.globalRegistry.find("fftt.retries")
        .tag("operation", "inventory_lookup").counter();
    System.out.println("fftt.calls " + (calls == null ? "absent" : calls.count()));
    System.out.println("fftt.retries " + (retries == null ? "absent" : (long) retries.count()));
    System.exit(0);
  }

  private static Timer calls() {
    return Metrics.globalRegistry.find("fftt.calls").tag("operation", "inventory_lookup")
        .tag("outcome", "success").tag("fallback", "none").timer();
  }
}
