package dev.fftt.agent.it.app;

/**
 * A small application for measuring the agent's startup cost: with {@code woven} it makes one call
 * to a woven method of a class listed in a processor index (so nothing is logged), with
 * {@code unchecked} to one of a class without them (one warning logged), else it touches no
 * annotated class. Refers to no runtime class.
 */
public final class StartupApp {

  private StartupApp() {}

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "plain";
    if (mode.equals("woven")) {
      System.out.println(new CheckedService().quick().join());
    } else if (mode.equals("unchecked")) {
      System.out.println(new TimeoutService().quick().join());
    } else {
      System.out.println("plain");
    }
  }
}
