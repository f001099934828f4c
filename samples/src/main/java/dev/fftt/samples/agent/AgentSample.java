package dev.fftt.samples.agent;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The seed's two-loop application in Java: a ui loop (the Swing EDT, headless here) and a
 * "processing" loop, an agent interface guarded only by annotations, a model that is sometimes
 * slow and sometimes fails, a summarizer model that goes down (a circuit breaker and a fallback),
 * one deliberate stall of the ui loop, and the health report at the end.
 *
 * <p>Run with the agent: {@code java -javaagent:agent/target/fftt-agent-0.1.0-SNAPSHOT.jar -jar
 * samples/target/fftt-samples-0.1.0-SNAPSHOT.jar}.
 */
public final class AgentSample {

  private AgentSample() {}

  private static String breakerState() {
    return Diagnostics.circuitBreaker("agent_summary").map(b -> b.state()).orElse("(none yet)");
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    // A demo of five requests: let its health report judge the failure share from 3 calls on
    // (a service keeps the default, 10, so one early timeout does not degrade it).
    System.setProperty("fftt.health.minimumCalls", "3");
    EventQueue events = new EventQueue("processing");
    events.start().get(5, TimeUnit.SECONDS);
    EventLoop ui = EventLoops.named("swing").orElseThrow(
        () -> new IllegalStateException("this sample needs the java.desktop module"));
    ModelBackend model = new ModelBackend();
    AgentInterface agent = new AgentInterface("agent-1", events, model);
    UiController controller = new UiController(agent);

    Console.say("== 1. state change from the ui loop (body runs on 'processing', reply on the ui loop)");
    CompletableFuture<Void> stateChanged = new CompletableFuture<>();
    ui.execute(() -> agent.setAgentState(AgentState.PROCESSING)
        .thenAccept(s -> Console.say("ui: state is now " + s))
        .whenComplete((v, e) -> stateChanged.complete(null)));
    stateChanged.get(10, TimeUnit.SECONDS);

    Console.say("== 2. five requests: ok, overloaded once, slow once, never recovers, always too slow");
    List<CompletableFuture<String>> replies = new ArrayList<>();
    CountDownLatch sent = new CountDownLatch(1);
    ui.execute(() -> {
      for (String id : List.of("req_001", "req_002", "req_003", "req_004")) {
        replies.add(controller.onSend(id, "process this (" + id + ")", Duration.ofMillis(300)));
      }
      // a caller that would wait 2 s: the woven @WithTimeout caps each attempt at 800 ms
      replies.add(controller.onSend("req_005", "a long prompt", Duration.ofSeconds(2)));
      sent.countDown();
    });
    sent.await(10, TimeUnit.SECONDS);
    for (CompletableFuture<String> reply : replies) {
      reply.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
    }

    Console.say("== 3. a ui handler that blocks the event thread");
    CountDownLatch blocked = new CountDownLatch(1);
    ui.execute(() -> controller.badHandlerThatBlocks(blocked));
    blocked.await(10, TimeUnit.SECONDS);
    agent.setAgentState(AgentState.COMPLETE).get(10, TimeUnit.SECONDS);

    Console.say("== 4. the summarizer model goes down: the breaker opens, the fallback answers, then it closes");
    model.summarizerDown(true);
    for (int i = 1; i <= 6; i++) {
      String summary = agent.summarize("conversation " + i).get(10, TimeUnit.SECONDS);
      Console.say("ui: summary " + i + " -> " + summary + "; breaker " + breakerState());
    }
    HealthReport whileOpen = Diagnostics.healthReport();
    whileOpen.issues().stream().filter(i -> i.startsWith("circuit breaker"))
        .forEach(i -> Console.say("health: " + whileOpen.status() + ", " + i));
    model.summarizerDown(false);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!breakerState().equals("HALF_OPEN") && System.nanoTime() < until) {
      Thread.sleep(20); // a demo waiting for the breaker's 300 ms delay, not for a result
    }
    Console.say("the summarizer is back; breaker " + breakerState());
    String summary = agent.summarize("conversation 7").get(10, TimeUnit.SECONDS);
    Console.say("ui: summary 7 -> " + summary + "; breaker " + breakerState());

    Console.say("== 5. health");
    HealthReport report = Diagnostics.healthReport();
    System.out.println();
    System.out.print(report.toTable());
    System.out.println();
    System.out.println("JSON: " + report.toJson());
    System.out.println();
    System.out.println("diagnoseEventLoopIssues():");
    for (String issue : Diagnostics.diagnoseEventLoopIssues()) {
      System.out.println("  - " + issue);
    }
    events.stop();
    ui.shutdown();
    System.exit(0);
  }
}
