package dev.fftt.agent.it.app;

/**
 * The blocking-calls test app. Arguments: {@code [--attach=<options>] warn|fail}. With
 * {@code --attach} it loads {@link BlockingScenarios} (which makes the blocking calls) first, then
 * attaches the agent, so the calls are checked in a class loaded before the attach. Prints
 * {@code OK <check>} or {@code FAIL <check>: why} per check, then {@code DONE}.
 */
public final class BlockingApp {

  private BlockingApp() {}

  public static void main(String[] args) throws Exception {
    int i = 0;
    if (args[0].startsWith("--attach=")) {
      Class<?> loadedFirst = BlockingScenarios.class; // loaded (not run) before the attach
      String failure = SelfAttacher.attach(args[0].substring("--attach=".length()));
      System.out.println(failure == null ? "ATTACHED " + loadedFirst.getSimpleName()
          : "ATTACH-FAILED " + failure);
      i++;
    }
    BlockingScenarios.run(args[i].equals("fail"));
    System.out.println("DONE");
    System.exit(0); // the EDT would keep the JVM alive
  }
}
