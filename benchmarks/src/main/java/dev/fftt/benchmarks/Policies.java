package dev.fftt.benchmarks;

import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.weave.AnnotationPolicies;
import java.util.concurrent.CompletableFuture;

/**
 * The policies of {@link Targets}' methods, resolved once from their annotations exactly as the
 * runtime does for a woven method; the "guard" rows hand them to {@code Guard.call}.
 */
public final class Policies {

  public static final GuardPolicy TIMEOUT_MONITOR = resolve("timeoutMonitor");
  public static final GuardPolicy TIMEOUT_ONLY = resolve("timeoutOnly");
  public static final GuardPolicy MONITOR_ONLY = resolve("monitorOnly");
  public static final GuardPolicy RETRY_TIMEOUT_MONITOR = resolve("retryTimeoutMonitor");
  public static final GuardPolicy BREAKER_ONLY = resolve("breakerOnly");
  public static final GuardPolicy BULKHEAD_ONLY = resolve("bulkheadOnly");

  private Policies() {}

  private static GuardPolicy resolve(String method) {
    try {
      GuardPolicy p = AnnotationPolicies.resolve(
          Targets.class.getMethod(method, CompletableFuture.class), true);
      if (p == null) {
        throw new IllegalStateException("no policy on Targets." + method);
      }
      return p;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
