package dev.fftt.processor.internal;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic.Kind;

/**
 * The rules about what a method body does, read with the javac Trees API: rule 6 (a blocking call
 * written directly in a {@code @LoopCompatible} body, reported as the {@link BlockingMode} says),
 * and the warnings for {@code supplyAsync/runAsync} without an executor in such a body and for a
 * blocking call in a {@code @WithTimeout} body. Each diagnostic points at the call itself. Run on
 * attributed classes only (see {@link BodyListener}).
 *
 * <p>The fallback methods of a {@code @LoopCompatible} method run where its body would, so their
 * bodies are checked as if they were {@code @LoopCompatible} too, once each. Only the fallbacks
 * declared in the same class are: a superclass's tree may be gone, or already lowered, by the
 * time javac has analyzed this class.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BodyChecker implements Checker {

  private final Trees trees;
  private final BlockingMode mode;
  private final BlockingCalls calls;
  private final FallbackResolver fallbacks;
  private final Reporter reporter;

  /**
   * Reads bodies with {@code trees}, matches calls with {@code calls}, finds the fallbacks of
   * {@code @LoopCompatible} methods with {@code fallbacks} and reports through {@code reporter}.
   */
  BodyChecker(Trees trees, BlockingMode mode, BlockingCalls calls, FallbackResolver fallbacks,
      Reporter reporter) {
    this.trees = trees;
    this.mode = mode;
    this.calls = calls;
    this.fallbacks = fallbacks;
    this.reporter = reporter;
  }

  /** Whether any method of {@code type} has a body this checker reads. */
  public static boolean wants(TypeModel type) {
    return type.methods().stream().anyMatch(m -> !m.lacksBody()
        && (m.reaching().containsKey(AnnotationKind.LOOP)
            || m.reaching().containsKey(AnnotationKind.TIMEOUT)));
  }

  @Override
  public void check(TypeModel type) {
    TreePath classPath = null;
    Set<ExecutableElement> fallbacksChecked = new HashSet<>();
    for (MethodModel method : type.methods()) {
      boolean loop = method.reaching().containsKey(AnnotationKind.LOOP);
      boolean timeout = method.reaching().containsKey(AnnotationKind.TIMEOUT);
      if ((loop || timeout) && !method.lacksBody()) {
        // One search of the compilation unit per class; a method's tree is a child of its class's.
        classPath = classPath != null ? classPath : trees.getPath(type.element());
        if (classPath == null) {
          return;
        }
        checkBody(classPath, method, loop ? "@LoopCompatible method " + method.label() : null,
            timeout);
        if (loop) {
          checkFallbacks(classPath, type, method, fallbacksChecked);
        }
      }
    }
  }

  private void checkFallbacks(TreePath classPath, TypeModel type, MethodModel method,
      Set<ExecutableElement> checked) {
    AnnotationMirror fallback = method.own().get(AnnotationKind.FALLBACK);
    if (fallback == null || !method.woven()) {
      return;
    }
    for (FallbackResolver.Candidate candidate :
        fallbacks.candidates(type.element(), method.element(), fallback)) {
      if (!candidate.owner().equals(type.element()) || !checked.add(candidate.method())) {
        continue;
      }
      type.methods().stream()
          .filter(m -> m.element().equals(candidate.method()))
          // A fallback that is @LoopCompatible itself has had its body checked as such.
          .filter(m -> !m.reaching().containsKey(AnnotationKind.LOOP))
          .findFirst()
          .ifPresent(m -> checkBody(classPath, m, "fallback method " + m.label()
              + " of @LoopCompatible method " + method.label(), false));
    }
  }

  /**
   * Checks the body of {@code method}: as a loop's code when {@code loop} names why (null when
   * it is not), for a timeout's sake when {@code timeout}.
   */
  private void checkBody(TreePath classPath, MethodModel method, String loop, boolean timeout) {
    MethodTree tree = trees.getTree(method.element());
    if (tree == null || tree.getBody() == null) {
      return;
    }
    TreePath body = new TreePath(new TreePath(classPath, tree), tree.getBody());
    BodyScanner.scan(body, trees,
        (call, invoked) -> checkCall(method, loop, timeout, call, invoked));
  }

  private void checkCall(
      MethodModel method, String loop, boolean timeout, TreePath call, Element invoked) {
    if (!(invoked instanceof ExecutableElement executable)) {
      return; // unresolved: javac reports it; nothing to judge here
    }
    calls.blocking(executable).ifPresent(match -> {
      if (loop != null && mode != BlockingMode.OFF) {
        reporter.report(mode.kind(), String.format(
            "blocking call %s in %s would block the event loop's thread;"
                + " %s (code inside a lambda or an anonymous class is not the method's own and"
                + " may block)",
            match.label(), loop, match.hint()), call);
      } else if (timeout) {
        reporter.report(Kind.WARNING, String.format(
            "blocking call %s in @WithTimeout method %s runs before the method returns its"
                + " future, so the timeout cannot fire while it blocks; move the blocking work"
                + " into the returned future (e.g. CompletableFuture.supplyAsync(..., executor))"
                + " or compose instead of waiting",
            match.label(), method.label()), call);
      }
    });
    if (loop != null && calls.asyncWithoutExecutor(executable)) {
      reporter.report(Kind.WARNING, String.format(
          "CompletableFuture.%s without an executor in %s runs the task"
              + " on the common ForkJoinPool, not on an event loop; pass the executor to run it"
              + " on as the last argument (an EventLoop's execute, e.g. loop::execute), or use"
              + " @LoopCompatible(runOn = \"...\") to run the body on a loop",
          executable.getSimpleName(), loop), call);
    }
  }
}
