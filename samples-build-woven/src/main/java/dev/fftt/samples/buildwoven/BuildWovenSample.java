package dev.fftt.samples.buildwoven;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EffectivePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Inventory}, woven at build time, with plain {@code java -cp} (no agent), and prints
 * what the guards did and the health report. With {@code -Dfftt.health=<port>} it also reads its
 * own health page and prints the status code and the JSON it served.
 *
 * <pre>
 * java -cp 'samples-build-woven/target/classes:samples-build-woven/target/lib/*' \
 *     dev.fftt.samples.buildwoven.BuildWovenSample
 * </pre>
 */
public final class BuildWovenSample {

  private BuildWovenSample() {}

  public static void main(String[] args) throws Exception {
    Inventory inventory = new Inventory();
    print("stock: " + inventory.stock("apple").get(5, TimeUnit.SECONDS)
        + " after " + inventory.lookups() + " attempts");
    print("slow: " + inventory.slow("pear").get(5, TimeUnit.SECONDS) + " (the fallback)");
    Diagnostics.operation("inventory_lookup").ifPresent(s -> print("inventory_lookup: calls="
        + s.calls() + " successes=" + s.successes() + " retries=" + s.retries()));
    Diagnostics.operation("inventory_slow").ifPresent(s -> print("inventory_slow: calls="
        + s.calls() + " timeouts=" + s.timeouts() + " fallbacks=" + s.fallbacks()));
    EffectivePolicy policy = Diagnostics.effectivePolicy("inventory_lookup").orElse(null);
    if (policy != null) {
      EffectivePolicy.Setting retries = policy.settings().get("Retry/maxRetries");
      print("inventory_lookup Retry/maxRetries=" + retries.value() + " from " + retries.source());
    }
    print("health: " + Diagnostics.healthReport().toJson());
    String port = System.getProperty("fftt.health");
    if (port != null && port.matches("[0-9]+")) {
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/fftt/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      print("page: " + page.statusCode() + " " + page.body());
    }
    System.exit(0); // the runtime's timer and completion threads are daemons; the page's too
  }

  private static void print(String line) {
    System.out.println(line); // a sample's output, for the reader and for its test
  }
}
