package dev.fftt.agent.it.app;

import dev.fftt.agent.it.testing.LegacyClass;
import java.util.ArrayList;
import java.util.List;

/**
 * A small app for the agent's own checks: for each argument in turn, {@code woven} calls a woven
 * method (of a class listed in a processor index: nothing to log), {@code legacy} loads the class
 * the agent cannot weave, {@code --attach=<options>} attaches the agent to this JVM; then it
 * prints {@code FFTT-THREADS [names]}, the live threads whose names start with {@code fftt-}.
 * Refers to no runtime class.
 */
public final class SelfCheckApp {

  private SelfCheckApp() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      if (arg.equals("woven")) {
        Report.line("WOVEN " + new CheckedService().quick().join());
      } else if (arg.equals("legacy")) {
        Class.forName(LegacyClass.NAME);
        Report.line("LOADED " + LegacyClass.NAME);
      } else if (arg.startsWith("--attach=")) {
        String failure = SelfAttacher.attach(arg.substring("--attach=".length()));
        Report.line(failure == null ? "ATTACHED" : "ATTACH-FAILED " + failure);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    List<String> threads = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("fftt-")) {
        threads.add(t.getName());
      }
    }
    threads.sort(null);
    Report.line("FFTT-THREADS " + threads);
  }
}
