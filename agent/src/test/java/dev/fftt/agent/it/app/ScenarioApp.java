package dev.fftt.agent.it.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the named scenarios and prints {@code OK <name>} or {@code FAIL <name>: ...} for each.
 * With {@code --attach=<options>} (repeatable) it first loads and calls the fixtures unwoven,
 * then attaches the agent to itself (once per option), then runs the scenarios (which must see
 * woven behaviour).
 * {@code --touch-runtime} loads the runtime from the class path before the attach.
 * Refers to no runtime class itself, so it can start on a class path without the runtime.
 */
public final class ScenarioApp {

  private ScenarioApp() {}

  public static void main(String[] args) throws Exception {
    List<String> attaches = new ArrayList<>();
    boolean touchRuntime = false;
    boolean isolatedPlugin = true;
    List<String> scenarios = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--attach=")) {
        attaches.add(arg.substring("--attach=".length()));
      } else if (arg.equals("--touch-runtime")) {
        touchRuntime = true;
      } else if (arg.equals("--no-isolated-plugin")) {
        isolatedPlugin = false;
      } else {
        scenarios.add(arg);
      }
    }
    Fixtures fixtures = new Fixtures();
    if (!attaches.isEmpty()) {
      Warmup.run(fixtures, isolatedPlugin);
      if (touchRuntime) {
        RuntimeToucher.touch();
      }
      for (String options : attaches) {
        String failure = SelfAttacher.attach(options);
        Report.line(failure == null ? "ATTACHED" : "ATTACH-FAILED " + failure);
      }
    }
    if (!scenarios.isEmpty()) {
      Scenarios.run(fixtures, scenarios);
    }
    Report.line("DONE");
    System.exit(0); // the EDT and loops would keep the JVM alive
  }
}
