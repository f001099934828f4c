package dev.fftt.agent.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests call on a woven {@link AdviceFixture} (loaded by the test's own loader). */
public interface FixtureApi {

  CompletableFuture<String> retried(int failures, String text, long[] numbers);

  CompletableFuture<String> viaPrivateStatic(String text);

  CompletableFuture<String> never();

  CompletableFuture<String> lastBody();

  CompletableFuture<String> unannotated(boolean fail);

  CompletableFuture<String> outer();

  String notAFuture();

  AtomicInteger calls();

  List<Object> receivers();

  List<String> arguments();
}
