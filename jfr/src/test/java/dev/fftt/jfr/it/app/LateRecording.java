package dev.fftt.jfr.it.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JVM that did not record from its start: the calls made so far initialized no Flight
 * Recorder; a recording started now (as {@code jcmd JFR.start} would) gets the calls made after
 * the exporter's events are ready (they load on a thread of their own, so it calls until one is
 * recorded, at most 50 times).
 */
final class LateRecording {

  private LateRecording() {}

  static void run(JfrService service) throws Exception {
    System.out.println("jfr-initialized-before-recording=" + FlightRecorder.isInitialized());
    try (Recording recording = new Recording()) {
      recording.start();
      Path file = Files.createTempFile("fftt-late-", ".jfr");
      long recorded = 0;
      int calls = 0;
      while (recorded == 0 && calls < 50) {
        service.slow().get(10, TimeUnit.SECONDS);
        calls++;
        recording.dump(file);
        recorded = RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("fftt.Call")).count();
      }
      Files.delete(file);
      System.out.println("late-recorded-calls=" + recorded);
    }
  }
}
