package dev.fftt.runtime.testing;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.internal.util.Log;
import dev.fftt.runtime.internal.util.Slf4j;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the runtime in a JVM whose class path has no SLF4J, the application's SLF4J and Logback in
 * a child of the system loader (as in an executable Spring Boot jar); started by
 * {@code Slf4jOnlyInAChildLoaderTest} with the jars as arguments. Prints what it saw.
 */
public final class ChildSlf4jMain {

  public static void main(String[] args) throws Exception {
    URL[] jars = new URL[args.length];
    for (int i = 0; i < args.length; i++) {
      jars[i] = Path.of(args[i]).toUri().toURL();
    }
    System.out.println("before: slf4j=" + Log.usesSlf4j() + " mdc=" + Context.application().enabled());
    Log.warn("FFTT: line before the application is known");

    URLClassLoader app = new URLClassLoader("app", jars, ClassLoader.getSystemClassLoader());
    Slf4j.learn(app); // what the bootstrap of the application's first woven method does
    System.out.println("after: slf4j=" + Log.usesSlf4j() + " mdc=" + Context.application().enabled());
    Log.warn("FFTT: line after the application is known");

    ChildSlf4j.put(app, "request", "r-9");
    CompletableFuture<Object> call = Async.withTimeout(new CompletableFuture<>(), Duration.ofMillis(50));
    ChildSlf4j.clear(app);
    CountDownLatch done = new CountDownLatch(1);
    call.whenComplete((v, e) -> {
      System.out.println("timeout completion " + ChildSlf4j.get(app, "request"));
      done.countDown();
    });
    if (!done.await(30, TimeUnit.SECONDS)) {
      System.out.println("the timeout never completed the call");
    }
    Diagnostics.logHealthReport();
    System.out.println("done");
  }
}
