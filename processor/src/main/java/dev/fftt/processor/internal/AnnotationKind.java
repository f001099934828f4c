package dev.fftt.processor.internal;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.lang.annotation.Annotation;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;

/**
 * The seven FFTT annotations, named through their class literals so that renaming or moving one
 * fails this module's build instead of silently leaving it unchecked.
 *
 * <p>Internal; not API, may change without notice.
 */
public enum AnnotationKind {
  MONITOR(AsyncMonitor.class),
  RETRY(Retry.class),
  TIMEOUT(WithTimeout.class),
  LOOP(LoopCompatible.class),
  CIRCUIT_BREAKER(CircuitBreaker.class),
  BULKHEAD(Bulkhead.class),
  /** Method-level only ({@code @Target(METHOD)}): javac itself rejects it on a type. */
  FALLBACK(Fallback.class);

  /** {@link #values()} without the copy it makes on each call. */
  private static final AnnotationKind[] ALL = values();

  private final String qualifiedName;
  private final String label;

  AnnotationKind(Class<? extends Annotation> type) {
    this.qualifiedName = type.getCanonicalName();
    this.label = "@" + type.getSimpleName();
  }

  /** The fully qualified name of the annotation type. */
  public String qualifiedName() {
    return qualifiedName;
  }

  /** How messages name the annotation, e.g. {@code @WithTimeout}. */
  public String label() {
    return label;
  }

  /** The kind of {@code mirror}, or empty when it is not one of the seven. */
  public static Optional<AnnotationKind> of(AnnotationMirror mirror) {
    if (!(mirror.getAnnotationType().asElement() instanceof TypeElement type)) {
      return Optional.empty();
    }
    return of(type);
  }

  /** The kind of the annotation type {@code type}, or empty when it is not one of the seven. */
  public static Optional<AnnotationKind> of(TypeElement type) {
    Name name = type.getQualifiedName();
    for (AnnotationKind kind : ALL) {
      if (name.contentEquals(kind.qualifiedName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
