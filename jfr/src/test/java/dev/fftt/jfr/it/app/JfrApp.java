package dev.fftt.jfr.it.app;

import dev.fftt.jfr.JfrExporter;
import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The forked JVM's application. Modes: {@code calls} makes the woven calls; {@code late} makes
 * them, then starts a recording of its own (see {@link LateRecording}); {@code no-jfr} makes them
 * in a JVM without the {@code jdk.jfr} module and starts the exporter by hand. Prints one line per
 * finding, then {@code DONE}. This class refers to no {@code jdk.jfr} type.
 */
public final class JfrApp {

  private JfrApp() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    JfrService service = new JfrService();
    calls(service);
    switch (mode) {
      case "calls":
        break;
      case "late":
        LateRecording.run(service);
        break;
      case "no-jfr":
        System.out.println("jfr-exporter-started=" + new JfrExporter().start());
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
    System.out.println("DONE");
  }

  static void calls(JfrService service) throws Exception {
    System.out.println("slow=" + service.slow().get(10, TimeUnit.SECONDS));
    System.out.println("cached=" + service.cached().get(10, TimeUnit.SECONDS));
    System.out.println("flaky=" + service.flaky().get(10, TimeUnit.SECONDS));
    CompletableFuture<String> stuck = service.stuck();
    System.out.println("stuck=" + stuck.handle((v, e) -> e == null ? v
        : e.getClass().getSimpleName()).get(10, TimeUnit.SECONDS));
    System.out.println("monitored=" + Diagnostics.operation("jfr-it.slow")
        .map(s -> s.calls()).orElse(0L));
  }
}
