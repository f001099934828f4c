package dev.fftt.test;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: installs an {@link FfttTestKit} before each test (before its
 * {@code @BeforeEach} methods) and closes it after (after its {@code @AfterEach} methods), and
 * injects the kit or its {@link VirtualClock} into test, {@code @BeforeEach} and
 * {@code @AfterEach} method parameters.
 *
 * <pre>{@code
 * @ExtendWith(FfttTestExtension.class)
 * class ClientTest {
 *   @Test
 *   void timesOut(VirtualClock clock) { ... clock.advanceBy(Duration.ofSeconds(2)); ... }
 * }
 * }</pre>
 *
 * <p>The kit is process-wide, so under JUnit's parallel execution the tests that use this
 * extension run one at a time: each waits, first come first served, until the one before it has
 * closed its kit. Other tests still run in parallel with them (they see the virtual clock while a
 * kit is installed, so keep timing-sensitive tests of real time apart from the kit's tests).
 */
public final class FfttTestExtension implements BeforeEachCallback, AfterEachCallback,
    ParameterResolver {

  // One permit: held from a test's beforeEach to its afterEach. Fair, so no test waits for ever.
  private static final Semaphore ONE_KIT = new Semaphore(1, true);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FfttTestExtension.class);
  private static final String KIT = "kit";

  /** Creates the extension (JUnit does, for {@code @ExtendWith}). */
  public FfttTestExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) throws InterruptedException {
    // Waits as a managed blocker: JUnit runs parallel tests in a ForkJoinPool, which then adds a
    // thread for other tests instead of letting waiting kit tests take up all its workers.
    ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
      private boolean acquired;

      @Override
      public boolean block() throws InterruptedException {
        if (!acquired) {
          ONE_KIT.acquire();
          acquired = true;
        }
        return true;
      }

      @Override
      public boolean isReleasable() {
        if (!acquired) {
          try {
            acquired = ONE_KIT.tryAcquire(0, TimeUnit.SECONDS); // honours fairness, unlike tryAcquire()
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // block() then sees it and throws
          }
        }
        return acquired;
      }
    });
    try {
      context.getStore(NAMESPACE).put(KIT, FfttTestKit.install());
    } catch (RuntimeException e) {
      ONE_KIT.release();
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    FfttTestKit kit = context.getStore(NAMESPACE).remove(KIT, FfttTestKit.class);
    if (kit == null) {
      return; // beforeEach failed (and gave the permit back)
    }
    try {
      kit.close();
    } finally {
      ONE_KIT.release();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FfttTestKit.class || type == VirtualClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FfttTestKit kit = context.getStore(NAMESPACE).get(KIT, FfttTestKit.class);
    if (kit == null) {
      throw new ParameterResolutionException("FfttTestExtension installs the kit for each test"
          + " method, so it can inject " + parameter.getParameter().getType().getSimpleName()
          + " into test, @BeforeEach and @AfterEach methods only (not into "
          + parameter.getDeclaringExecutable() + "); call FfttTestKit.install() there instead");
    }
    return parameter.getParameter().getType() == VirtualClock.class ? kit.clock() : kit;
  }
}
