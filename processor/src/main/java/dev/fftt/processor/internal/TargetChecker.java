package dev.fftt.processor.internal;

import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic.Kind;

/**
 * Rules 1 and 2, where an annotation may go: only on a method that returns
 * {@code CompletableFuture}/{@code CompletionStage} (or a subtype), reported on the misplaced
 * annotation; and only on one that has a body to weave, reported once on the abstract or native
 * method itself. Class-level annotations reach only the methods that return a future, so other
 * methods of the class are fine; but a class-level annotation that reaches an abstract or native
 * method is an error, and one that reaches no method at all is a warning.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class TargetChecker implements Checker {

  private final Reporter reporter;

  /** Reports through {@code reporter}. */
  public TargetChecker(Reporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (MethodModel method : type.methods()) {
      for (Map.Entry<AnnotationKind, AnnotationMirror> own : method.own().entrySet()) {
        checkReturnType(method, own.getKey(), own.getValue());
      }
      checkBody(type, method);
    }
    checkClassLevelUse(type);
  }

  private void checkReturnType(MethodModel method, AnnotationKind kind, AnnotationMirror mirror) {
    if (method.returns() == MethodModel.Returns.UNKNOWN) {
      reporter.cannotJudge();
    } else if (method.returns() == MethodModel.Returns.OTHER) {
      reporter.report(Kind.ERROR, String.format(
          "%s on %s needs a method that returns CompletableFuture or CompletionStage, but it"
              + " returns %s; return a CompletableFuture/CompletionStage (e.g."
              + " CompletableFuture.completedFuture(value)) or remove %s",
          kind.label(), method.label(), method.element().getReturnType(), kind.label()),
          method.element(), mirror, null);
    }
  }

  /** One error per bodiless method (javac keeps one error per position), naming all it carries. */
  private void checkBody(TypeModel type, MethodModel method) {
    if (!method.lacksBody()) {
      return;
    }
    String own = method.own().keySet().stream()
        .map(AnnotationKind::label)
        .collect(Collectors.joining(", "));
    String fromClass = method.returns() != MethodModel.Returns.FUTURE ? "" :
        method.reaching().entrySet().stream()
            .filter(e -> e.getValue().classLevel())
            .map(e -> e.getKey().label())
            .collect(Collectors.joining(", "));
    if (!own.isEmpty()) {
      reporter.error(String.format(
          "%s on %s method %s: the method has no body, so there is nothing to weave; put %s on"
              + " the method that implements it instead%s",
          own, bodilessKind(method), method.label(), own, fromClass.isEmpty() ? "" : String.format(
              " (and move %s of class %s to its concrete methods: it reaches this one too)",
              fromClass, type.label())),
          method.element());
    } else if (!fromClass.isEmpty()) {
      reporter.error(String.format(
          "%s on class %s reaches %s method %s, which has no body to weave; annotate the class"
              + " or method that implements it instead, or move %s from %s to its concrete"
              + " methods",
          fromClass, type.label(), bodilessKind(method), method.label(), fromClass, type.label()),
          method.element());
    }
  }

  private void checkClassLevelUse(TypeModel type) {
    if (type.classLevel().isEmpty()) {
      return;
    }
    boolean unknown = type.methods().stream()
        .anyMatch(m -> m.returns() == MethodModel.Returns.UNKNOWN);
    boolean reachesAny = type.methods().stream()
        .anyMatch(m -> m.returns() == MethodModel.Returns.FUTURE);
    if (unknown) {
      reporter.cannotJudge();
    } else if (!reachesAny) {
      type.classLevel().forEach((kind, mirror) -> reporter.report(Kind.WARNING, String.format(
          "%s on class %s applies to no method: on a class it reaches only methods that return"
              + " CompletableFuture or CompletionStage, and %s has none; remove it, or put it"
              + " on the class whose methods return futures",
          kind.label(), type.label(), type.label()),
          type.element(), mirror, null));
    }
  }

  private static String bodilessKind(MethodModel method) {
    return method.element().getModifiers().contains(Modifier.NATIVE) ? "native" : "abstract";
  }
}
