package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Bulkheads. Test fixture: refers to the annotations only. */
public class BulkheadService {

  /** The ids whose bodies ran, in the order they started. */
  public final List<Integer> started = new CopyOnWriteArrayList<>();
  /** The thread each body ran on. */
  public final Map<Integer, Thread> threads = new ConcurrentHashMap<>();
  /** Each body's future, by id; the scenario completes them. */
  public final Map<Integer, CompletableFuture<String>> bodies = new ConcurrentHashMap<>();

  public void reset() {
    started.clear();
    threads.clear();
    bodies.clear();
  }

  /** Two at once, two waiting. */
  @AsyncMonitor("it_bulkhead")
  @Bulkhead(value = 2, waitingTaskQueue = 2)
  public CompletableFuture<String> work(int id) {
    return body(id);
  }

  /** One at once, one waiting; a timed-out attempt keeps its permit until its body completes. */
  @AsyncMonitor("it_bulkhead_timed")
  @Bulkhead(value = 1, waitingTaskQueue = 1)
  @WithTimeout(value = 150, unit = ChronoUnit.MILLIS, cancel = false)
  public CompletableFuture<String> timed(int id) {
    return body(id);
  }

  private CompletableFuture<String> body(int id) {
    started.add(id);
    threads.put(id, Thread.currentThread());
    CompletableFuture<String> f = new CompletableFuture<>();
    bodies.put(id, f);
    return f;
  }
}
