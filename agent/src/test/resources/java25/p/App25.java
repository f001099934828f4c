package p;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** Compiled by the Java 25 smoke test with --release 25 (class file version 69), then woven. */
public class App25 {

  record Box(String value) {}

  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  CompletableFuture<Box> never() {
    return new CompletableFuture<>();
  }

  public static void main(String[] args) {
    var future = new App25().never();
    try {
      future.join();
      System.out.println("NOT WOVEN");
    } catch (RuntimeException e) {
      System.out.println("WOVEN " + e.getCause());
    }
  }
}
