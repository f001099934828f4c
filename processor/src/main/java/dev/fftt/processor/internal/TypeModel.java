package dev.fftt.processor.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * One examined type: the FFTT annotations written on the type itself and a {@link MethodModel}
 * for each method it declares (inherited methods and nested types are not part of it).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class TypeModel {

  private final TypeElement type;
  private final String binaryName;
  private final Map<AnnotationKind, AnnotationMirror> classLevel;
  private final List<MethodModel> methods;

  private TypeModel(
      TypeElement type,
      String binaryName,
      Map<AnnotationKind, AnnotationMirror> classLevel,
      List<MethodModel> methods) {
    this.type = type;
    this.binaryName = binaryName;
    this.classLevel = classLevel;
    this.methods = methods;
  }

  /** Examines {@code type}. */
  public static TypeModel of(TypeElement type, Elements elements, Types types) {
    TypeMirror completionStage =
        types.erasure(elements.getTypeElement(CompletionStage.class.getCanonicalName()).asType());
    Map<AnnotationKind, AnnotationMirror> classLevel =
        Collections.unmodifiableMap(fftt(type.getAnnotationMirrors()));
    List<MethodModel> methods = new ArrayList<>();
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD) {
        methods.add(
            new MethodModel((ExecutableElement) member, type, classLevel, types, completionStage));
      }
    }
    return new TypeModel(
        type,
        elements.getBinaryName(type).toString(),
        classLevel,
        Collections.unmodifiableList(methods));
  }

  /** The FFTT annotations among {@code mirrors}, by kind. */
  static Map<AnnotationKind, AnnotationMirror> fftt(List<? extends AnnotationMirror> mirrors) {
    Map<AnnotationKind, AnnotationMirror> found = new EnumMap<>(AnnotationKind.class);
    for (AnnotationMirror mirror : mirrors) {
      AnnotationKind.of(mirror).ifPresent(kind -> found.put(kind, mirror));
    }
    return found;
  }

  /** The type. */
  public TypeElement element() {
    return type;
  }

  /** The binary name, e.g. {@code com.acme.Outer$Inner}. */
  public String binaryName() {
    return binaryName;
  }

  /** The FFTT annotations written on the type. */
  public Map<AnnotationKind, AnnotationMirror> classLevel() {
    return classLevel;
  }

  /** The methods the type declares, in source order. */
  public List<MethodModel> methods() {
    return methods;
  }

  /**
   * Where {@code kind} is written in this type: on the type first (if there), then on each method
   * that carries it, in source order.
   */
  public List<Site> written(AnnotationKind kind) {
    List<Site> sites = new ArrayList<>();
    AnnotationMirror onType = classLevel.get(kind);
    if (onType != null) {
      sites.add(new Site(type, onType, true));
    }
    for (MethodModel method : methods) {
      AnnotationMirror onMethod = method.own().get(kind);
      if (onMethod != null) {
        sites.add(new Site(method.element(), onMethod, false));
      }
    }
    return sites;
  }

  /** Whether any method is woven. */
  public boolean hasWovenMethods() {
    return methods.stream().anyMatch(MethodModel::woven);
  }

  /** How messages name the type: its simple name. */
  public String label() {
    return type.getSimpleName().toString();
  }
}
