package dev.fftt.agent.it.app;

/** What the test apps print; the integration tests read it. */
final class Report {

  private Report() {}

  static synchronized void line(String text) {
    System.out.println(text);
    System.out.flush();
  }
}
