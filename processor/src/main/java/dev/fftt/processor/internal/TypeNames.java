package dev.fftt.processor.internal;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * How types are written: in messages, as a user writes them in source ({@code
 * CompletableFuture<String>}, simple names); in the index, as JVM descriptors of the erased
 * types ({@code (ILjava/lang/String;[J)Ljava/util/concurrent/CompletableFuture;}, nested classes
 * with {@code '$'}).
 *
 * <p>Internal; not API, may change without notice.
 */
final class TypeNames {

  private TypeNames() {}

  /** {@code type} with simple class names, type arguments kept, e.g. {@code Map<String, int[]>}. */
  static String simple(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED: {
        DeclaredType declared = (DeclaredType) type;
        String name = declared.asElement().getSimpleName().toString();
        List<? extends TypeMirror> args = declared.getTypeArguments();
        return args.isEmpty() ? name : name + args.stream().map(TypeNames::simple)
            .collect(Collectors.joining(", ", "<", ">"));
      }
      case ARRAY:
        return simple(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + simple(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() != null
            ? "? super " + simple(wildcard.getSuperBound()) : "?";
      }
      default:
        return type.toString(); // primitives, void, type variables: already as written
    }
  }

  /** The parameter types of {@code method}, simple names, e.g. {@code (String, int)}. */
  static String parameters(ExecutableElement method) {
    return method.getParameters().stream()
        .map(p -> simple(p.asType()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The parameters of {@code method} as declared, types and names, e.g. {@code String id}. */
  static String declaredParameters(List<? extends VariableElement> parameters) {
    return parameters.stream()
        .map(p -> simple(p.asType()) + " " + p.getSimpleName())
        .collect(Collectors.joining(", "));
  }

  /**
   * The JVM descriptor of {@code method} as the class file has it: its erased parameter and
   * return types.
   */
  static String descriptor(ExecutableElement method, Types types, Elements elements) {
    StringBuilder descriptor = new StringBuilder("(");
    for (VariableElement parameter : method.getParameters()) {
      append(descriptor, types.erasure(parameter.asType()), types, elements);
    }
    descriptor.append(')');
    append(descriptor, types.erasure(method.getReturnType()), types, elements);
    return descriptor.toString();
  }

  private static void append(StringBuilder out, TypeMirror erased, Types types, Elements elements) {
    switch (erased.getKind()) {
      case BOOLEAN -> out.append('Z');
      case BYTE -> out.append('B');
      case CHAR -> out.append('C');
      case SHORT -> out.append('S');
      case INT -> out.append('I');
      case LONG -> out.append('J');
      case FLOAT -> out.append('F');
      case DOUBLE -> out.append('D');
      case VOID -> out.append('V');
      case ARRAY -> {
        out.append('[');
        append(out, types.erasure(((ArrayType) erased).getComponentType()), types, elements);
      }
      case DECLARED -> out.append('L')
          .append(elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement())
              .toString().replace('.', '/'))
          .append(';');
      // Erasure leaves only the kinds above for a resolved type; the callers judge no method
      // whose types are unresolved.
      default -> throw new IllegalArgumentException("no descriptor for " + erased);
    }
  }
}
