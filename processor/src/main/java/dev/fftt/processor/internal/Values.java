package dev.fftt.processor.internal;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the values of one annotation, defaults included, in the shapes the checkers need. Every
 * reader returns empty for a value it cannot judge (missing, or left unresolved by an error in the
 * user's code), so the callers stay quiet about it.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Values {

  private final AnnotationMirror mirror;
  private final Map<String, AnnotationValue> byName = new HashMap<>();

  /** Reads {@code mirror}'s values, explicit ones and defaults. */
  public Values(Elements elements, AnnotationMirror mirror) {
    this.mirror = mirror;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      byName.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
  }

  /** The annotation these values belong to. */
  public AnnotationMirror mirror() {
    return mirror;
  }

  /** The value of {@code name} (explicit or default) to point a diagnostic at, or null. */
  public AnnotationValue raw(String name) {
    return byName.get(name);
  }

  /** Whether {@code name} was written in the annotation (rather than left to its default). */
  public boolean isExplicit(String name) {
    return mirror.getElementValues().keySet().stream()
        .anyMatch(e -> e.getSimpleName().contentEquals(name));
  }

  /** An {@code int} or {@code long} value. */
  public OptionalLong asLong(String name) {
    Object v = value(name);
    if (v instanceof Long || v instanceof Integer) {
      return OptionalLong.of(((Number) v).longValue());
    }
    return OptionalLong.empty();
  }

  /** A {@code double} value. */
  public OptionalDouble asDouble(String name) {
    Object v = value(name);
    return v instanceof Double d ? OptionalDouble.of(d) : OptionalDouble.empty();
  }

  /** A {@code boolean} value. */
  public Optional<Boolean> asBoolean(String name) {
    return value(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  /** A {@code String} value. */
  public Optional<String> asString(String name) {
    return value(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A {@link ChronoUnit} value. */
  public Optional<ChronoUnit> asUnit(String name) {
    if (value(name) instanceof VariableElement constant
        && constant.getKind() == ElementKind.ENUM_CONSTANT) {
      try {
        return Optional.of(ChronoUnit.valueOf(constant.getSimpleName().toString()));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A {@code Class<?>[]} value, as the classes and the values to point at, in order. */
  public Optional<List<ClassValue>> asClasses(String name) {
    if (!(value(name) instanceof List<?> list)) {
      return Optional.empty();
    }
    List<ClassValue> classes = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof AnnotationValue element)
          || erroneous(element)
          || !(element.getValue() instanceof TypeMirror type)
          || type.getKind() != TypeKind.DECLARED
          || !(((DeclaredType) type).asElement() instanceof TypeElement typeElement)) {
        return Optional.empty();
      }
      classes.add(new ClassValue(typeElement, element));
    }
    return Optional.of(classes);
  }

  private Object value(String name) {
    AnnotationValue v = byName.get(name);
    return v == null || erroneous(v) ? null : v.getValue();
  }

  /**
   * Whether javac could not resolve {@code value} (e.g. a constant or class that does not exist):
   * javac then hands over a placeholder such as the string {@code "<error>"}, which must not be
   * judged as if the user had written it.
   */
  static boolean erroneous(AnnotationValue value) {
    for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals("com.sun.tools.javac.code.Attribute$Error")) {
        return true;
      }
    }
    return false;
  }

  /** One class of a {@code Class<?>[]} value and the array element that names it. */
  public record ClassValue(TypeElement type, AnnotationValue value) {}
}
