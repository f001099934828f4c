package dev.fftt.jfr.internal;

/** What tests may ask of the exporter's workings. */
public final class JfrTesting {

  private JfrTesting() {}

  /** Whether the exporter writes events now (the Flight Recorder initialized, its classes ready). */
  public static boolean eventsReady() {
    return JfrGate.open();
  }
}
