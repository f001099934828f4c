package dev.fftt.jfr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.JfrEventNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.Test;

/** The events' names, category, labels, descriptions, fields and default settings. */
class EventMetadataTest {

  private static final Set<String> IMPLICIT = Set.of("startTime", "duration", "eventThread",
      "stackTrace");

  private static final Map<Class<? extends Event>, List<String>> FIELDS = Map.of(
      BlockingCallEvent.class, List.of("loop", "call", "site"),
      CallEvent.class, List.of("operation", "outcome", "retries", "fallback", "elapsed"),
      TimeoutEvent.class, List.of("operation", "timeout"),
      RetryEvent.class, List.of("operation", "retry", "cause"),
      CircuitBreakerStateEvent.class, List.of("operation", "from", "to"),
      RejectedEvent.class, List.of("operation", "by"),
      LoopStallEvent.class, List.of("loop", "topFrames", "stall"));

  @Test
  void everyEventHasItsContractNameTheCategoryALabelADescriptionAndItsFields() {
    assertThat(FIELDS.keySet()).extracting(c -> EventType.getEventType(c).getName())
        .containsExactlyInAnyOrder(JfrEventNames.CALL, JfrEventNames.TIMEOUT, JfrEventNames.RETRY,
            JfrEventNames.CIRCUIT_BREAKER_STATE, JfrEventNames.REJECTED, JfrEventNames.LOOP_STALL,
            JfrEventNames.BLOCKING_CALL);
    FIELDS.forEach((type, fields) -> {
      EventType event = EventType.getEventType(type);
      assertThat(event.getCategoryNames()).as(event.getName()).containsExactly("FFTT Async");
      assertThat(event.getLabel()).as(event.getName()).startsWith("FFTT ");
      assertThat(event.getDescription()).as(event.getName()).isNotBlank();
      List<ValueDescriptor> own = event.getFields().stream()
          .filter(f -> !IMPLICIT.contains(f.getName())).collect(Collectors.toList());
      assertThat(own).extracting(ValueDescriptor::getName).as(event.getName())
          .containsExactlyElementsOf(fields);
      assertThat(own).allSatisfy(f -> {
        assertThat(f.getLabel()).as(event.getName() + "." + f.getName()).isNotBlank();
        assertThat(f.getDescription()).as(event.getName() + "." + f.getName()).isNotBlank();
      });
      // only a blocking call carries its stack (it is written on the thread that made the call)
      assertThat(setting(event, "stackTrace")).as(event.getName())
          .isEqualTo(type == BlockingCallEvent.class ? "true" : "false");
      assertThat(setting(event, "enabled")).as(event.getName()).isEqualTo("true");
    });
  }

  @Test
  void timespansAreMarkedSoToolsShowThemAsDurations() {
    assertThat(field(CallEvent.class, "elapsed").getContentType()).isEqualTo("jdk.jfr.Timespan");
    assertThat(field(TimeoutEvent.class, "timeout").getContentType())
        .isEqualTo("jdk.jfr.Timespan");
    assertThat(field(LoopStallEvent.class, "stall").getContentType())
        .isEqualTo("jdk.jfr.Timespan");
  }

  @Test
  void callsHaveA20MillisecondThresholdByDefaultAndTheOthersNone() {
    assertThat(setting(EventType.getEventType(CallEvent.class), "threshold")).isEqualTo("20 ms");
    assertThat(setting(EventType.getEventType(LoopStallEvent.class), "threshold"))
        .isEqualTo("0 ns");
  }

  @Test
  void theEventsAreRegisteredWithTheFlightRecorder() {
    assertThat(FlightRecorder.getFlightRecorder().getEventTypes())
        .extracting(EventType::getName).filteredOn(n -> n.startsWith("fftt."))
        .containsExactlyInAnyOrder(JfrEventNames.CALL, JfrEventNames.TIMEOUT, JfrEventNames.RETRY,
            JfrEventNames.CIRCUIT_BREAKER_STATE, JfrEventNames.REJECTED, JfrEventNames.LOOP_STALL,
            JfrEventNames.BLOCKING_CALL);
  }

  private static String setting(EventType event, String name) {
    return event.getSettingDescriptors().stream().filter(s -> s.getName().equals(name))
        .map(SettingDescriptor::getDefaultValue).findFirst().orElse("<none>");
  }

  private static ValueDescriptor field(Class<? extends Event> type, String name) {
    return EventType.getEventType(type).getField(name);
  }
}
