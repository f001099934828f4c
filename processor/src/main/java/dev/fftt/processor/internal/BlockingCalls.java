package dev.fftt.processor.internal;

import dev.fftt.runtime.internal.loop.BlockingEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Knows the calls that block the calling thread ({@code Future.get}, {@code CompletableFuture.join},
 * {@code Thread.sleep}, {@code Thread.join}, {@code Object.wait}, {@code CountDownLatch.await},
 * {@code Semaphore.acquire*}, {@code BlockingQueue.put/take}, {@code LockSupport.park*}) and the
 * {@code CompletableFuture.supplyAsync/runAsync} forms without an executor. A call matches when the
 * invoked method is the listed one or overrides it (so {@code CompletableFuture.get} and
 * {@code LinkedBlockingQueue.take} match too).
 *
 * <p>Internal; not API, may change without notice. Build one per round: javac may renew the
 * symbols of library classes between rounds.
 */
public final class BlockingCalls {

  private static final String COMPOSE =
      "compose on the future instead (thenApply/thenCompose/whenComplete) and return the result";

  /** A matched blocking call: how messages name it, and how to avoid it. */
  public record Match(String label, String hint) {}

  private record Target(TypeElement owner, Predicate<String> names, String hint) {}

  private final Elements elements;
  private final List<Target> targets = new ArrayList<>();
  private final TypeElement completableFuture;

  /** The processor option naming more blocking methods: {@code <class>#<method>,...}. */
  public static final String EXTRA_OPTION = "fftt.blocking.extra";

  /**
   * The entries of {@code -Afftt.blocking.extra} ({@code null}: none), each
   * {@code <class>#<method>}; a nested class may be written with {@code $} or {@code .}.
   *
   * @throws IllegalArgumentException naming the first entry that is not of that form
   */
  public static List<String> parseExtra(String option) {
    List<String> entries = new ArrayList<>();
    if (option == null) {
      return entries;
    }
    for (String part : option.split(",", -1)) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (!BlockingEntries.wellFormed(entry, true)) {
        throw new IllegalArgumentException(String.format("-A%s: bad entry '%s'; expected"
            + " comma-separated <class>#<method> with a fully qualified class name, e.g."
            + " -A%s=io.vertx.core.Future#await,reactor.core.publisher.Mono#block", EXTRA_OPTION,
            entry, EXTRA_OPTION));
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Looks the listed classes up with {@code elements}. */
  public BlockingCalls(Elements elements) {
    this(elements, List.of());
  }

  /**
   * Looks the listed classes and the {@code extra} methods ({@code <class>#<method>}, from
   * {@code -Afftt.blocking.extra}) up with {@code elements}; an extra whose class the compilation
   * cannot see matches nothing.
   */
  public BlockingCalls(Elements elements, List<String> extra) {
    this.elements = elements;
    this.completableFuture = elements.getTypeElement(CompletableFuture.class.getCanonicalName());
    add(Future.class, Set.of("get")::contains, COMPOSE);
    add(CompletableFuture.class, Set.of("join")::contains, COMPOSE);
    add(Thread.class, Set.of("sleep")::contains,
        "pause without blocking, e.g. CompletableFuture.supplyAsync(task,"
            + " CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS, executor))");
    add(Thread.class, Set.of("join")::contains,
        "complete a CompletableFuture when that work ends and compose on it");
    add(Object.class, Set.of("wait")::contains,
        "complete a CompletableFuture instead of wait/notify and compose on it");
    add(CountDownLatch.class, Set.of("await")::contains,
        "complete CompletableFutures instead of counting down, and compose on"
            + " CompletableFuture.allOf(...)");
    add(Semaphore.class, Set.of("acquire", "acquireUninterruptibly")::contains,
        "use tryAcquire(), or acquire on another executor");
    add(BlockingQueue.class, Set.of("put", "take")::contains,
        "use offer/poll, or wait for the queue on another executor");
    add(LockSupport.class, n -> n.startsWith("park"),
        "complete a CompletableFuture instead of parking, and compose on it");
    for (String entry : extra) {
      int hash = entry.indexOf('#');
      TypeElement type = elements.getTypeElement(entry.substring(0, hash).replace('$', '.'));
      if (type != null) {
        targets.add(new Target(type, Set.of(entry.substring(hash + 1))::contains,
            "compose on its non-blocking form, or run it on another executor (it is listed in -A"
                + EXTRA_OPTION + ")"));
      }
    }
  }

  /** The extras of {@code entries} whose class {@code elements} cannot find. */
  public static List<String> unknownClasses(Elements elements, List<String> entries) {
    List<String> unknown = new ArrayList<>();
    for (String entry : entries) {
      String className = entry.substring(0, entry.indexOf('#'));
      if (elements.getTypeElement(className.replace('$', '.')) == null) {
        unknown.add(className);
      }
    }
    return unknown;
  }

  private void add(Class<?> owner, Predicate<String> names, String hint) {
    TypeElement type = elements.getTypeElement(owner.getCanonicalName());
    if (type != null) {
      targets.add(new Target(type, names, hint));
    }
  }

  /** The blocking call {@code invoked} is, if it is one. */
  public Optional<Match> blocking(ExecutableElement invoked) {
    String name = invoked.getSimpleName().toString();
    if (!(invoked.getEnclosingElement() instanceof TypeElement declaring)) {
      return Optional.empty();
    }
    for (Target target : targets) {
      if (target.names().test(name) && isOrOverrides(invoked, declaring, target.owner())) {
        return Optional.of(new Match(target.owner().getSimpleName() + "." + name, target.hint()));
      }
    }
    return Optional.empty();
  }

  private boolean isOrOverrides(ExecutableElement invoked, TypeElement declaring, TypeElement owner) {
    if (declaring.equals(owner)) {
      return true;
    }
    if (invoked.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD
          && member.getSimpleName().equals(invoked.getSimpleName())
          && elements.overrides(invoked, (ExecutableElement) member, declaring)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code invoked} is {@code CompletableFuture.supplyAsync(Supplier)} or
   * {@code runAsync(Runnable)}: the forms that run the task on the common pool.
   */
  public boolean asyncWithoutExecutor(ExecutableElement invoked) {
    String name = invoked.getSimpleName().toString();
    return (name.equals("supplyAsync") || name.equals("runAsync"))
        && invoked.getParameters().size() == 1
        && invoked.getEnclosingElement().equals(completableFuture);
  }
}
