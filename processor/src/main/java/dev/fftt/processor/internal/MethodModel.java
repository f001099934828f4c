package dev.fftt.processor.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * One method of an examined type: the FFTT annotations written on it, what it returns, and the
 * annotations that reach it once the class-level ones are added (a method-level annotation
 * overrides the class-level one of the same kind; class-level ones reach only methods that return
 * a {@code CompletionStage}).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class MethodModel {

  /** What a method returns, as far as the rules care. */
  public enum Returns {
    /** {@code CompletableFuture}, {@code CompletionStage} or a subtype of them. */
    FUTURE,
    /** Anything else, {@code void} and primitives included. */
    OTHER,
    /** Not known: the return type is not resolved (an error in the user's code). */
    UNKNOWN
  }

  private final ExecutableElement method;
  private final Map<AnnotationKind, AnnotationMirror> own;
  private final Map<AnnotationKind, Site> reaching;
  private final Returns returns;

  MethodModel(
      ExecutableElement method,
      TypeElement owner,
      Map<AnnotationKind, AnnotationMirror> classLevel,
      Types types,
      TypeMirror completionStage) {
    this.method = method;
    this.own = Collections.unmodifiableMap(TypeModel.fftt(method.getAnnotationMirrors()));
    this.returns = classify(method.getReturnType(), types, completionStage);
    Map<AnnotationKind, Site> sites = new EnumMap<>(AnnotationKind.class);
    if (returns == Returns.FUTURE) {
      classLevel.forEach((kind, mirror) -> sites.put(kind, new Site(owner, mirror, true)));
    }
    own.forEach((kind, mirror) -> sites.put(kind, new Site(method, mirror, false)));
    this.reaching = Collections.unmodifiableMap(sites);
  }

  private static Returns classify(TypeMirror type, Types types, TypeMirror completionStage) {
    TypeMirror erased = types.erasure(type);
    switch (erased.getKind()) {
      case ERROR:
        return Returns.UNKNOWN;
      case DECLARED:
      case TYPEVAR:
      case INTERSECTION:
        return types.isSubtype(erased, completionStage) ? Returns.FUTURE : Returns.OTHER;
      default:
        return Returns.OTHER;
    }
  }

  /** The method. */
  public ExecutableElement element() {
    return method;
  }

  /** The FFTT annotations written on the method itself. */
  public Map<AnnotationKind, AnnotationMirror> own() {
    return own;
  }

  /**
   * The FFTT annotations that reach the method: its own, plus the class-level ones when it returns
   * a future.
   */
  public Map<AnnotationKind, Site> reaching() {
    return reaching;
  }

  /** What the method returns. */
  public Returns returns() {
    return returns;
  }

  /** Whether the method is abstract or native, so there is no body to weave. */
  public boolean lacksBody() {
    return method.getModifiers().contains(Modifier.ABSTRACT)
        || method.getModifiers().contains(Modifier.NATIVE);
  }

  /** Whether the agent weaves this method: it returns a future and some annotation reaches it. */
  public boolean woven() {
    return returns == Returns.FUTURE && !reaching.isEmpty();
  }

  /** The method's simple name. */
  public String name() {
    return method.getSimpleName().toString();
  }

  /** How messages name the method, e.g. {@code Shop.order()}. */
  public String label() {
    return method.getEnclosingElement().getSimpleName() + "." + name() + "()";
  }
}
