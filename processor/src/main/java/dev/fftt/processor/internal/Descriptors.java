package dev.fftt.processor.internal;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * JVM method descriptors of source methods, erased as the compiled method will be, e.g.
 * {@code (ILjava/lang/String;)Ljava/util/concurrent/CompletableFuture;}; nested classes in binary
 * form ({@code Lcom/acme/Outer$Inner;}).
 *
 * <p>Internal; not API, may change without notice.
 */
final class Descriptors {

  private final Elements elements;
  private final Types types;

  Descriptors(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The descriptor of {@code method}, or empty when a type in its signature is unresolved. */
  Optional<String> of(ExecutableElement method) {
    ExecutableType type = (ExecutableType) method.asType();
    StringBuilder out = new StringBuilder("(");
    for (TypeMirror parameter : type.getParameterTypes()) {
      if (!append(out, parameter)) {
        return Optional.empty();
      }
    }
    out.append(')');
    return append(out, type.getReturnType()) ? Optional.of(out.toString()) : Optional.empty();
  }

  private boolean append(StringBuilder out, TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    switch (erased.getKind()) {
      case BOOLEAN: out.append('Z'); return true;
      case BYTE: out.append('B'); return true;
      case CHAR: out.append('C'); return true;
      case SHORT: out.append('S'); return true;
      case INT: out.append('I'); return true;
      case LONG: out.append('J'); return true;
      case FLOAT: out.append('F'); return true;
      case DOUBLE: out.append('D'); return true;
      case VOID: out.append('V'); return true;
      case ARRAY:
        out.append('[');
        return append(out, ((ArrayType) erased).getComponentType());
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) erased).asElement();
        out.append('L')
            .append(elements.getBinaryName(element).toString().replace('.', '/'))
            .append(';');
        return true;
      default:
        return false;
    }
  }
}
