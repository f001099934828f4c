package dev.fftt.agent.it.app;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EffectivePolicy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@link ConfiguredService} and prints what the overrides made of it: {@code CALLS <n>}
 * (attempts of the always-failing method), {@code SLOW <outcome> <ms>} and each effective setting
 * as {@code EFFECTIVE <operation> <Annotation/attribute>=<value> <- <source>}. With
 * {@code --attach=<options>} it first attaches the agent (printing ATTACH-FAILED and going on
 * when that fails).
 */
public final class OverridesApp {

  private OverridesApp() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      if (arg.startsWith("--attach=")) {
        String failed = SelfAttacher.attach(arg.substring("--attach=".length()));
        System.out.println(failed == null ? "ATTACHED" : "ATTACH-FAILED " + failed);
      }
    }
    ConfiguredService service = new ConfiguredService();
    service.failing().handle((v, e) -> null).get(30, TimeUnit.SECONDS);
    System.out.println("CALLS " + service.calls.get());
    long start = System.nanoTime();
    CompletableFuture<String> slow = service.slow();
    String outcome;
    try {
      slow.get(3, TimeUnit.SECONDS);
      outcome = "value";
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = e.getCause().getClass().getSimpleName();
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "pending";
    }
    System.out.println("SLOW " + outcome + " " + (System.nanoTime() - start) / 1_000_000);
    System.out.println("MONITORED " + Diagnostics.operation("it_config_failing").isPresent());
    for (String operation : new String[] {"it_config_failing", "it_config_slow"}) {
      EffectivePolicy p = Diagnostics.effectivePolicy(operation).orElse(null);
      if (p == null) {
        System.out.println("EFFECTIVE " + operation + " none");
        continue;
      }
      for (Map.Entry<String, EffectivePolicy.Setting> e : p.settings().entrySet()) {
        System.out.println("EFFECTIVE " + operation + " " + e.getKey() + "=" + e.getValue().value()
            + " <- " + e.getValue().source());
      }
    }
    System.out.println("DONE");
  }
}
