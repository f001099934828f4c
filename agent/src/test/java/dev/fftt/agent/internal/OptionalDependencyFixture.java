package dev.fftt.agent.internal;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * A woven method beside a method whose signature names a class the application may not have (an
 * optional dependency): the test hides {@link MissingDependency} from the loader. Test fixture.
 */
public class OptionalDependencyFixture {

  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> guarded() {
    return new CompletableFuture<>();
  }

  /** Never called: only its signature matters. */
  public void integrate(MissingDependency dependency) {
    dependency.toString();
  }

  /** The optional dependency. */
  public static final class MissingDependency {}
}
