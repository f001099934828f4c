package dev.fftt.agent.it.app;

/** Policy constants of {@link ConstantsService} in the processor's format 1 (see PolicySpec). */
public final class ConstantsService$$FfttPolicy {

  public static final int FORMAT = 1;

  public static final String[][] METHODS = {
      {"method=slow", "descriptor=()Ljava/util/concurrent/CompletableFuture;",
          "monitor=it_constants_slow", "timeout.value=120", "timeout.unit=MILLIS",
          "timeout.cancel=true"},
      {"method=quick", "descriptor=()Ljava/util/concurrent/CompletableFuture;",
          "timeout.value=5", "timeout.unit=SECONDS", "timeout.cancel=true"},
  };

  private ConstantsService$$FfttPolicy() {}
}
