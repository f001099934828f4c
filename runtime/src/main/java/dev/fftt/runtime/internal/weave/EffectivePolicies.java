package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.EffectivePolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective policy of each woven operation, recorded when its policy is resolved (once per
 * method) for {@code Diagnostics.effectivePolicy}. Thread-safe; two methods of one operation name
 * keep the last one resolved.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class EffectivePolicies {

  private static final Map<String, EffectivePolicy> BY_OPERATION = new ConcurrentHashMap<>();

  private EffectivePolicies() {}

  static void record(EffectivePolicy policy) {
    BY_OPERATION.put(policy.operation(), policy);
  }

  /** The effective policy of {@code operation}, or {@code null} when none was resolved. */
  public static EffectivePolicy find(String operation) {
    return BY_OPERATION.get(operation);
  }
}
