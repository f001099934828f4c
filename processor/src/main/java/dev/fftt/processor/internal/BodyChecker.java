package dev.fftt.processor.internal;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
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
 * <p>Internal; not API, may change without notice.
 */
public final class BodyChecker implements Checker {

  private final Trees trees;
  private final BlockingMode mode;
  private final BlockingCalls calls;
  private final Reporter reporter;

  /**
   * Reads bodies with {@code trees}, matches calls with
   * {@code calls} and reports through {@code reporter}.
   */
  public BodyChecker(Trees trees, BlockingMode mode, BlockingCalls calls, Reporter reporter) {
    this.trees = trees;
    this.mode = mode;
    this.calls = calls;
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
    for (MethodModel method : type.methods()) {
      boolean loop = method.reaching().containsKey(AnnotationKind.LOOP);
      boolean timeout = method.reaching().containsKey(AnnotationKind.TIMEOUT);
      if ((loop || timeout) && !method.lacksBody()) {
        // One search of the compilation unit per class; a method's tree is a child of its class's.
        classPath = classPath != null ? classPath : trees.getPath(type.element());
        if (classPath == null) {
          return;
        }
        checkBody(classPath, method, loop, timeout);
      }
    }
  }

  private void checkBody(TreePath classPath, MethodModel method, boolean loop, boolean timeout) {
    MethodTree tree = trees.getTree(method.element());
    if (tree == null || tree.getBody() == null) {
      return;
    }
    TreePath body = new TreePath(new TreePath(classPath, tree), tree.getBody());
    BodyScanner.scan(body, trees, (call, invoked) -> checkCall(method, loop, timeout, call, invoked));
  }

  private void checkCall(
      MethodModel method, boolean loop, boolean timeout, TreePath call, Element invoked) {
    if (!(invoked instanceof ExecutableElement executable)) {
      return; // unresolved: javac reports it; nothing to judge here
    }
    calls.blocking(executable).ifPresent(match -> {
      if (loop && mode != BlockingMode.OFF) {
        reporter.report(mode.kind(), String.format(
            "blocking call %s in @LoopCompatible method %s would block the event loop's thread;"
                + " %s (code inside a lambda or an anonymous class is not the method's own and"
                + " may block)",
            match.label(), method.label(), match.hint()), call);
      } else if (timeout) {
        reporter.report(Kind.WARNING, String.format(
            "blocking call %s in @WithTimeout method %s runs before the method returns its"
                + " future, so the timeout cannot fire while it blocks; move the blocking work"
                + " into the returned future (e.g. CompletableFuture.supplyAsync(..., executor))"
                + " or compose instead of waiting",
            match.label(), method.label()), call);
      }
    });
    if (loop && calls.asyncWithoutExecutor(executable)) {
      reporter.report(Kind.WARNING, String.format(
          "CompletableFuture.%s without an executor in @LoopCompatible method %s runs the task"
              + " on the common ForkJoinPool, not on an event loop; pass the executor to run it"
              + " on as the last argument (an EventLoop's execute, e.g. loop::execute), or use"
              + " @LoopCompatible(runOn = \"...\") to run the body on a loop",
          executable.getSimpleName(), method.label()), call);
    }
  }
}
