package dev.fftt.jfr.testing;

import static org.awaitility.Awaitility.await;

import dev.fftt.jfr.JfrEventNames;
import dev.fftt.jfr.internal.JfrTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A real JFR recording for one test (every FFTT event enabled by name, at its default settings
 * unless the test changes them), read back through a dumped file. Only the events about
 * the test's own names (operation or loop starting with its prefix) are returned, in the order
 * they ended (a duration event's place is where it ended).
 */
public final class FfttRecording implements AutoCloseable {

  private final Recording recording = new Recording();
  private final String prefix;

  private FfttRecording(String prefix) {
    this.prefix = prefix;
  }

  /** Starts recording every FFTT event at its defaults. */
  public static FfttRecording start(String prefix) {
    return start(prefix, r -> {});
  }

  /** Starts recording every FFTT event, with {@code settings} applied on top. */
  public static FfttRecording start(String prefix, Consumer<Recording> settings) {
    FfttRecording r = new FfttRecording(prefix);
    JfrEventNames.ALL.forEach(r.recording::enable); // names: a recording takes no patterns
    settings.accept(r.recording);
    r.recording.start();
    // The exporter loads its event classes once the Flight Recorder is initialized, which the
    // first recording of the test JVM does, on a thread of its own.
    await().atMost(Duration.ofSeconds(30)).until(JfrTesting::eventsReady);
    return r;
  }

  /** The events recorded so far (the recording goes on). */
  public List<RecordedEvent> soFar() {
    return read();
  }

  /** Stops the recording and returns what it holds. */
  public List<RecordedEvent> stop() {
    recording.stop();
    return read();
  }

  private List<RecordedEvent> read() {
    try {
      Path file = Files.createTempFile("fftt-jfr-test-", ".jfr");
      try {
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().startsWith("fftt."))
            .filter(e -> nameOf(e).startsWith(prefix))
            .sorted(Comparator.comparing(RecordedEvent::getEndTime))
            .collect(Collectors.toList());
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operation or loop an FFTT event is about. */
  public static String nameOf(RecordedEvent e) {
    return e.hasField("operation") ? e.getString("operation")
        : e.hasField("loop") ? e.getString("loop") : "";
  }

  /** The events of type {@code name}. */
  public static List<RecordedEvent> ofType(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }

  /**
   * One line per event: its type and fields (without the implicit ones and timespans other than
   * a timeout; a retry's cause by its class name), for exact asserts.
   */
  public static List<String> lines(List<RecordedEvent> events) {
    return events.stream().map(FfttRecording::line).collect(Collectors.toList());
  }

  private static String line(RecordedEvent e) {
    String name = e.getEventType().getName();
    switch (name) {
      case "fftt.Call":
        return name + " " + e.getString("operation") + " " + e.getString("outcome") + " retries="
            + e.getInt("retries") + " fallback=" + e.getBoolean("fallback");
      case "fftt.Timeout":
        return name + " " + e.getString("operation") + " timeout="
            + e.getDuration("timeout").toMillis() + "ms";
      case "fftt.Retry":
        String cause = e.getString("cause");
        return name + " " + e.getString("operation") + " retry=" + e.getInt("retry") + " cause="
            + (cause == null || cause.indexOf(':') < 0 ? cause
                : cause.substring(0, cause.indexOf(':')));
      case "fftt.CircuitBreakerState":
        return name + " " + e.getString("operation") + " " + e.getString("from") + " -> "
            + e.getString("to");
      case "fftt.Rejected":
        return name + " " + e.getString("operation") + " by=" + e.getString("by");
      case "fftt.LoopStall":
        return name + " " + e.getString("loop");
      case "fftt.BlockingCall":
        return name + " " + e.getString("loop") + " " + e.getString("call") + " at "
            + e.getString("site");
      default:
        return name;
    }
  }

  @Override
  public void close() {
    recording.close();
  }
}
