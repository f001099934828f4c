package dev.fftt.agent.it.app;

import dev.fftt.runtime.Diagnostics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The health page in a woven application: makes monitored calls, then (unless {@code --no-fetch})
 * reads its own page over HTTP and prints what it got: {@code STATUS <code>} and {@code TYPE},
 * {@code BODY} of {@code /fftt/health} (sent with {@code --token=<t>} as a bearer token, and
 * {@code STATUS-NO-TOKEN <code>} without one), {@code PAGE-JS <code>}, {@code THREAD <name>
 * daemon=<flag>} and {@code RUNTIME-LOADER <loader>}. Its first argument is the page's port;
 * {@code --attach=<options>} attaches the agent first. Ends by returning from main, never by
 * System.exit: the page must not keep the JVM alive.
 */
public final class HealthPageApp {

  private HealthPageApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean fetch = true;
    String token = null;
    for (String arg : args) {
      if (arg.startsWith("--attach=")) {
        String failed = SelfAttacher.attach(arg.substring("--attach=".length()));
        Report.line(failed == null ? "ATTACHED" : "ATTACH-FAILED " + failed);
      } else if (arg.equals("--no-fetch")) {
        fetch = false;
      } else if (arg.startsWith("--token=")) {
        token = arg.substring("--token=".length());
      }
    }
    MonitorService service = new MonitorService();
    service.ok().join();
    service.ok().join();
    Report.line("CALLS " + Diagnostics.operation("it_monitor").map(s -> s.calls()).orElse(-1L));
    Report.line("RUNTIME-LOADER " + Diagnostics.class.getClassLoader());
    if (fetch) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
      String base = "http://127.0.0.1:" + port;
      if (token != null) {
        Report.line("STATUS-NO-TOKEN " + get(client, base + "/fftt/health", null).statusCode());
      }
      HttpResponse<String> json = get(client, base + "/fftt/health", token);
      Report.line("STATUS " + json.statusCode());
      Report.line("TYPE " + json.headers().firstValue("Content-Type").orElse("none"));
      Report.line("BODY " + json.body());
      Report.line("PAGE-JS " + get(client, base + "/fftt/page.js", null).statusCode());
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("fftt-health")) {
          Report.line("THREAD fftt-health daemon=" + t.isDaemon());
        }
      }
    }
    Report.line("DONE");
  }

  private static HttpResponse<String> get(HttpClient client, String uri, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
