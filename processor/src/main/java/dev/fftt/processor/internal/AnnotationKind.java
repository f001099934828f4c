package dev.fftt.processor.internal;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The four FFTT annotations, known by name so that the processor does not need
 * {@code fftt-annotations} on its own class path.
 *
 * <p>Internal; not API, may change without notice.
 */
public enum AnnotationKind {
  MONITOR("AsyncMonitor"),
  RETRY("Retry"),
  TIMEOUT("WithTimeout"),
  LOOP("LoopCompatible");

  /** The package all four annotations live in. */
  public static final String PACKAGE = "dev.fftt.annotations";

  private final String simpleName;

  AnnotationKind(String simpleName) {
    this.simpleName = simpleName;
  }

  /** The fully qualified name of the annotation type. */
  public String qualifiedName() {
    return PACKAGE + "." + simpleName;
  }

  /** How messages name the annotation, e.g. {@code @WithTimeout}. */
  public String label() {
    return "@" + simpleName;
  }

  /** The kind of {@code mirror}, or empty when it is not one of the four. */
  public static Optional<AnnotationKind> of(AnnotationMirror mirror) {
    if (!(mirror.getAnnotationType().asElement() instanceof TypeElement type)) {
      return Optional.empty();
    }
    String name = type.getQualifiedName().toString();
    for (AnnotationKind kind : values()) {
      if (kind.qualifiedName().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
