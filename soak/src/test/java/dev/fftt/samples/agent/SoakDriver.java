package dev.fftt.samples.agent;

import static org.awaitility.Awaitility.await;

import dev.fftt.otel.FfttOpenTelemetry;
import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.timer.TimerWheel;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The soak's forked JVM (run with the agent by {@code dev.fftt.soak.SoakIT}): the sample's
 * two-loop setup, as {@link AgentSample} builds it, driven at a fixed rate for a fixed time with
 * every exporter on, sampling the heap after a full GC, the live threads, the timer's pending
 * entries and the open file handles.
 *
 * <p>It sits in the sample's package to drive the sample's package-private {@link UiController}
 * as the sample does. Each cycle of 20 calls: 10 requests sent from the ui loop
 * ({@code processWithValidation}, cycling through the sample's five scripted requests, so some
 * answer, some are retried after an {@code IOException} and fail, and one always outlasts the
 * woven 800 ms timeout and is retried), 6 summaries (the summarizer model is down 10 s out of
 * every 20: the breaker opens, the fallback answers, the breaker closes again), one state change
 * from the ui loop, and 3 reports sent at once to {@link ReportStore} (a bulkhead of one with one
 * waiting: one runs, one waits, one is rejected).
 *
 * <p>Arguments: seconds of load, calls per second, milliseconds between samples, output folder.
 * It writes {@code series.csv} (one line per sample, flushed as it goes) and
 * {@code summary.properties} (the calls by outcome, the runtime's counts, what each exporter
 * saw, the values once the load stopped).
 */
public final class SoakDriver {

  /** The CSV header of {@code series.csv}. */
  public static final String HEADER = "seconds,heapBytes,threads,timerPending,fds,callsStarted,inFlight";

  private static final String[] REQUESTS = {"req_001", "req_002", "req_003", "req_004", "req_005"};
  private static final AgentState[] STATES = {AgentState.PROCESSING, AgentState.VALIDATING,
      AgentState.COMPLETE, AgentState.IDLE};

  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  private SoakDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: SoakDriver <seconds of load> <calls per second> <millis between samples> <output folder>");
    }
    new SoakDriver().run(Long.parseLong(args[0]), Integer.parseInt(args[1]),
        Long.parseLong(args[2]), Path.of(args[3]));
    System.exit(0); // the ui loop's event thread is not a daemon; the JFR recording is dumped now
  }

  private void run(long seconds, int rate, long sampleMillis, Path out) throws Exception {
    Files.createDirectories(out);
    // The sample's Console prints a line per step (thousands a second here): not kept.
    PrintStream console = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    System.setProperty("java.awt.headless", "true");

    // Micrometer: a real registry in the global one, which the agent binds FFTT's meters to.
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(prometheus);
    // OpenTelemetry: a real SDK, its batch processor handing spans to an exporter that counts them.
    CountingSpanExporter spans = new CountingSpanExporter();
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(spans).build()).build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    FfttOpenTelemetry.install(otel);
    // JFR: the parent starts the recording on the command line.

    EventQueue events = new EventQueue("processing");
    events.start().get(10, TimeUnit.SECONDS);
    EventLoop ui = EventLoops.named("swing").orElseThrow(
        () -> new IllegalStateException("the soak needs the java.desktop module"));
    ModelBackend model = new ModelBackend();
    AgentInterface agent = new AgentInterface("agent-soak", events, model);
    UiController controller = new UiController(agent);
    ReportStore store = new ReportStore();

    ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(
        r -> new Thread(r, "soak-driver"));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
        r -> new Thread(r, "soak-sampler"));
    long start = System.nanoTime();
    AtomicLong slot = new AtomicLong();
    long periodMicros = 1_000_000L / rate;
    driver.scheduleAtFixedRate(() -> {
      long i = slot.getAndIncrement();
      long elapsed = System.nanoTime() - start;
      model.summarizerDown(TimeUnit.NANOSECONDS.toSeconds(elapsed) / 10 % 2 == 1);
      int s = (int) (i % 20);
      if (s < 10) {
        String id = REQUESTS[(int) (i / 20 * 10 + s) % REQUESTS.length];
        // as the sample sends them: req_005 by a caller that would wait 2 s, so the woven
        // 800 ms timeout ends each of its attempts
        Duration wait = id.equals("req_005") ? Duration.ofSeconds(2) : Duration.ofMillis(300);
        onUi(ui, "process", () -> controller.onSend(id, "soak " + i, wait));
      } else if (s < 16) {
        call("summarize", () -> agent.summarize("conversation " + i));
      } else if (s == 16) {
        AgentState next = STATES[(int) (i / 20 % STATES.length)];
        onUi(ui, "state", () -> agent.setAgentState(next));
      } else if (s == 17) {
        for (int k = 0; k < 3; k++) {
          call("store", () -> store.store("report " + i));
        }
      }
    }, 0, periodMicros, TimeUnit.MICROSECONDS);

    try (Writer csv = Files.newBufferedWriter(out.resolve("series.csv"), StandardCharsets.UTF_8)) {
      csv.write(HEADER + "\n");
      csv.flush();
      sampler.scheduleAtFixedRate(() -> {
        try {
          prometheus.scrape(); // as a scraper would, between the samples
          csv.write(sample((System.nanoTime() - start) / 1e9) + "\n");
          csv.flush();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, sampleMillis, sampleMillis, TimeUnit.MILLISECONDS);

      // The load runs for its time; this thread only waits for it to be over.
      if (driver.awaitTermination(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the driver stopped early");
      }
      driver.shutdown();
      sampler.shutdown();
      if (!driver.awaitTermination(10, TimeUnit.SECONDS)
          || !sampler.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the driver or the sampler did not stop");
      }
    }

    console.println("LOAD OVER"); // the health page may go with the JVM from now on
    // The load stopped: every call ends, and the timer empties.
    Properties summary = new Properties();
    summary.setProperty("loadSeconds", Long.toString(seconds));
    summary.setProperty("rate", Integer.toString(rate));
    await("every call ended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> ended.get() == started.get());
    await("the timer emptied").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> TimerWheel.get().pending() == 0 && !TimerWheel.get().handOverPending());
    String quiet = sample((System.nanoTime() - start) / 1e9);
    summary.setProperty("quiet", quiet);
    summary.setProperty("callsStarted", Long.toString(started.get()));
    summary.setProperty("callsEnded", Long.toString(ended.get()));
    new TreeMap<>(outcomes).forEach((k, v) -> summary.setProperty("outcome." + k, Long.toString(v.sum())));

    for (String name : new String[] {"agent_processing", "agent_summary", "agent_state",
        "agent_validation", "soak_report_store"}) {
      summary.setProperty("op." + name, Diagnostics.operation(name).map(SoakDriver::counts)
          .orElse("absent"));
    }
    CircuitBreakerStats breaker = Diagnostics.circuitBreaker("agent_summary").orElseThrow();
    summary.setProperty("breaker.opened", Long.toString(breaker.opened()));
    summary.setProperty("breaker.rejected", Long.toString(breaker.rejected()));
    BulkheadStats bulkhead = Diagnostics.bulkhead("soak_report_store").orElseThrow();
    summary.setProperty("bulkhead.accepted", Long.toString(bulkhead.accepted()));
    summary.setProperty("bulkhead.rejected", Long.toString(bulkhead.rejected()));
    summary.setProperty("bulkhead.running", Integer.toString(bulkhead.running()));
    summary.setProperty("bulkhead.waiting", Integer.toString(bulkhead.waiting()));

    String scrape = prometheus.scrape();
    Files.writeString(out.resolve("prometheus.txt"), scrape);
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    summary.setProperty("otel.spans", Long.toString(spans.exported.get()));
    otel.close();

    try (Writer w = Files.newBufferedWriter(out.resolve("summary.properties"), StandardCharsets.UTF_8)) {
      summary.store(w, "the soak's summary");
    }
    events.stop();
    ui.shutdown();
    console.println("SOAK DONE " + started.get() + " calls");
  }

  /** The heap's pools after the last full collection (or the heap used, without that report). */
  private long heapAfterLastFullGc() {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    // the collector that manages every heap pool is the full one (Serial's MarkSweepCompact)
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean full
          && Set.of(gc.getMemoryPoolNames()).containsAll(heapPools) && full.getLastGcInfo() != null) {
        return full.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String counts(OperationStats o) {
    return "calls=" + o.calls() + " successes=" + o.successes() + " failures=" + o.failures()
        + " timeouts=" + o.timeouts() + " retries=" + o.retries() + " fallbacks=" + o.fallbacks()
        + " rejections=" + o.rejections() + " inFlight=" + o.inFlight();
  }

  /**
   * One line of {@code series.csv}. The heap is what the full collection that {@code System.gc()}
   * runs left in the heap's pools, as that collection reports it: the heap's "used" read after it
   * would also count the allocation buffers the running threads take right after, megabytes that
   * come and go.
   */
  private String sample(double seconds) {
    System.gc();
    long heap = heapAfterLastFullGc();
    String[] fds = new File("/proc/self/fd").list(); // Linux; -1 elsewhere
    return String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d", seconds, heap,
        threads.getThreadCount(), TimerWheel.get().pending(), fds == null ? -1 : fds.length,
        started.get(), started.get() - ended.get());
  }

  private void onUi(EventLoop ui, String kind, Supplier<CompletableFuture<?>> call) {
    started.incrementAndGet();
    ui.execute(() -> track(kind, call));
  }

  private void call(String kind, Supplier<CompletableFuture<?>> call) {
    started.incrementAndGet();
    track(kind, call);
  }

  private void track(String kind, Supplier<CompletableFuture<?>> call) {
    CompletableFuture<?> f;
    try {
      f = call.get();
    } catch (Throwable t) { // a guarded call never throws; counted if it did
      f = CompletableFuture.failedFuture(t);
    }
    f.whenComplete((value, failure) -> {
      String outcome;
      if (failure == null) {
        outcome = String.valueOf(value).startsWith("(cached)") ? "fallback" : "ok";
      } else {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        outcome = cause.getClass().getSimpleName();
      }
      outcomes.computeIfAbsent(kind + "." + outcome, k -> new LongAdder()).increment();
      ended.incrementAndGet();
    });
  }

  /** A span exporter that keeps nothing: it counts what the SDK's batch processor hands it. */
  private static final class CountingSpanExporter implements SpanExporter {
    final AtomicLong exported = new AtomicLong();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      exported.addAndGet(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
