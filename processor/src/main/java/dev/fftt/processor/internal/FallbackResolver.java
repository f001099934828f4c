package dev.fftt.processor.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds the fallback methods of a {@code @Fallback} method (rule 9): the methods named
 * {@code fallbackMethod} in the guarded method's class and its superclasses (nearest first; an
 * overload overridden or hidden in a subclass counts once, the subclass's) that take the guarded
 * method's parameters (erasures compared), optionally plus one trailing parameter of a
 * {@code Throwable} type, return a {@code CompletionStage} assignable to the guarded method's
 * return type, and are static when the guarded method is. It lists every such overload (the runtime
 * picks among them per failure) and says, as a message that ends in how to fix it, what is wrong
 * when a method of that name is not a usable fallback.
 *
 * <p>A superclass's method that the guarded class cannot call (private, or package-private in
 * another package) is not found: the JVM would refuse the call.
 *
 * <p>Internal; not API, may change without notice.
 */
final class FallbackResolver {

  /** One resolved fallback: the method and the class that declares it. */
  record Candidate(ExecutableElement method, TypeElement owner) {}

  /**
   * What resolving found: the candidates, and the errors (each one message). {@code unknown} when
   * something unresolved in the user's code leaves it unjudged (then both lists are empty).
   */
  record Resolution(boolean unknown, List<Candidate> candidates, List<String> errors) {
    static final Resolution UNKNOWN = new Resolution(true, List.of(), List.of());
  }

  /** A method of the right name, as a member of the guarded class (type variables bound). */
  private record Found(ExecutableElement method, TypeElement owner, ExecutableType member) {}

  private final Types types;
  private final TypeMirror completionStage;
  private final TypeMirror throwable;
  private final Elements elements;

  FallbackResolver(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.completionStage =
        types.erasure(elements.getTypeElement(CompletionStage.class.getCanonicalName()).asType());
    this.throwable = elements.getTypeElement(Throwable.class.getCanonicalName()).asType();
  }

  /**
   * The candidates that {@code fallback}, the {@code @Fallback} of {@code guarded} (a method of
   * {@code type}), resolves to; none when it is unresolved or names no usable method.
   */
  List<Candidate> candidates(TypeElement type, ExecutableElement guarded,
      AnnotationMirror fallback) {
    return new Values(elements, fallback).asString("fallbackMethod")
        .map(name -> resolve(type, guarded, name).candidates())
        .orElse(List.of());
  }

  /** Resolves {@code name} for {@code guarded}, a method of {@code type}. */
  Resolution resolve(TypeElement type, ExecutableElement guarded, String name) {
    if (unresolved(guarded.getReturnType()) || guarded.getParameters().stream()
        .anyMatch(p -> unresolved(p.asType()))) {
      return Resolution.UNKNOWN;
    }
    String where = type.getSimpleName() + "." + guarded.getSimpleName()
        + TypeNames.parameters(guarded);
    String head = String.format("@Fallback fallbackMethod \"%s\" of %s", name, where);
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      return errors(String.format("%s is not a method name; name the method that supplies the"
          + " result when the call fails, expected: %s", head,
          expected(guarded, guarded.getSimpleName() + "Fallback")));
    }
    if (name.contentEquals(guarded.getSimpleName())) {
      return errors(String.format("%s names the method itself: a failed call would call it again"
          + " instead of falling back; name a different method, expected: %s", head,
          expected(guarded, name + "Fallback")));
    }

    List<Found> named = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    DeclaredType self = (DeclaredType) type.asType();
    for (TypeElement owner = type; owner != null; ) {
      for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (!method.getSimpleName().contentEquals(name)) {
          continue;
        }
        ExecutableType member = (ExecutableType) types.asMemberOf(self, method);
        if (unresolved(member.getReturnType())
            || member.getParameterTypes().stream().anyMatch(FallbackResolver::unresolved)) {
          return Resolution.UNKNOWN;
        }
        if (owner != type && !reachable(method, owner, type)) {
          unreachable.add(method.getSimpleName() + TypeNames.parameters(method)
              + " in superclass " + owner.getSimpleName() + " is "
              + (method.getModifiers().contains(Modifier.PRIVATE)
                  ? "private" : "package-private in another package"));
          continue;
        }
        List<String> key = member.getParameterTypes().stream()
            .map(t -> types.erasure(t).toString()).toList();
        if (seen.add(key)) { // else overridden or hidden by a subclass's: that one counts
          named.add(new Found(method, owner, member));
        }
      }
      TypeMirror superclass = owner.getSuperclass();
      if (superclass.getKind() == TypeKind.ERROR) {
        return Resolution.UNKNOWN;
      }
      owner = superclass.getKind() == TypeKind.DECLARED
          ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }

    if (named.isEmpty()) {
      if (!unreachable.isEmpty()) {
        return errors(String.format("%s names no method %s can call: %s, so %s cannot call it;"
            + " make it protected, or declare the fallback in %s, expected: %s", head,
            type.getSimpleName(), String.join("; ", unreachable), type.getSimpleName(),
            type.getSimpleName(), expected(guarded, name)));
      }
      return errors(String.format("%s names no method of %s or its superclasses; declare it in"
          + " %s, expected: %s", head, type.getSimpleName(), type.getSimpleName(),
          expected(guarded, name)));
    }

    List<Found> matching = named.stream().filter(f -> takesParameters(f.member(), guarded))
        .toList();
    if (matching.isEmpty()) {
      String found = named.stream()
          .map(f -> name + TypeNames.parameters(f.method()) + " in " + f.owner().getSimpleName())
          .collect(Collectors.joining(", "));
      return errors(String.format("%s names no method with the parameters of %s (optionally"
          + " plus one trailing Throwable): found %s; declare one that takes them, expected: %s",
          head, guarded.getSimpleName(), found, expected(guarded, name)));
    }

    List<Candidate> candidates = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Found f : matching) {
      String problem = problem(f, guarded, where);
      if (problem == null) {
        candidates.add(new Candidate(f.method(), f.owner()));
      } else {
        errors.add(problem);
      }
    }
    return new Resolution(false, List.copyOf(candidates), List.copyOf(errors));
  }

  /**
   * What makes {@code f} unusable as a fallback of {@code guarded}, or null when nothing does.
   *
   * <p>The return type: the fallback's (as a member of the guarded class, so a superclass's
   * {@code CompletableFuture<T>} is read with {@code T} bound) must be a {@code CompletionStage}
   * and assignable to the guarded method's return type, type arguments included: a
   * {@code CompletableFuture<Integer>} for a {@code CompletableFuture<String>} would hand the
   * caller a value of the wrong type. Only when the fallback's return type mentions a type
   * variable of its own (a generic method, {@code <T> CompletableFuture<T> cached(...)}) is it
   * judged by erasure: binding that variable needs javac's inference, which the model API does not
   * offer, and the erasure still rules out the return types that cannot fit.
   */
  private String problem(Found f, ExecutableElement guarded, String where) {
    String label = String.format("@Fallback method %s%s in %s",
        f.method().getSimpleName(), TypeNames.parameters(f.method()), f.owner().getSimpleName());
    TypeMirror returned = f.member().getReturnType();
    TypeMirror expected = guarded.getReturnType();
    String fix = String.format("make it return %s (e.g. CompletableFuture.completedFuture(value))",
        TypeNames.simple(expected));
    if (!isStage(returned)) {
      return String.format("%s returns %s, which is not a CompletionStage, so it cannot complete"
          + " the call of %s; %s", label, TypeNames.simple(returned), where, fix);
    }
    boolean fits = types.isAssignable(types.erasure(returned), types.erasure(expected))
        && (types.isAssignable(returned, expected)
            || mentionsOwnTypeVariable(returned, f.method()));
    if (!fits) {
      return String.format("%s returns %s, which is not assignable to %s, the return type of %s;"
          + " %s", label, TypeNames.simple(returned), TypeNames.simple(expected), where, fix);
    }
    if (guarded.getModifiers().contains(Modifier.STATIC)
        && !f.method().getModifiers().contains(Modifier.STATIC)) {
      return String.format("%s is an instance method, but %s is static, so there is no receiver"
          + " to call it on; make %s static", label, where, f.method().getSimpleName());
    }
    return null;
  }

  private boolean isStage(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    return (erased.getKind() == TypeKind.DECLARED || erased.getKind() == TypeKind.TYPEVAR)
        && types.isSubtype(erased, completionStage);
  }

  /** The guarded method's parameters, optionally plus one trailing Throwable, by erasure. */
  private boolean takesParameters(ExecutableType fallback, ExecutableElement guarded) {
    List<? extends TypeMirror> theirs = fallback.getParameterTypes();
    List<? extends VariableElement> ours = guarded.getParameters();
    if (theirs.size() != ours.size() && theirs.size() != ours.size() + 1) {
      return false;
    }
    for (int i = 0; i < ours.size(); i++) {
      if (!types.isSameType(types.erasure(theirs.get(i)), types.erasure(ours.get(i).asType()))) {
        return false;
      }
    }
    return theirs.size() == ours.size()
        || types.isSubtype(types.erasure(theirs.get(ours.size())), throwable);
  }

  /**
   * Whether {@code method}, declared in superclass {@code owner}, can be called from
   * {@code type}: not private, and not package-private in another package.
   */
  private boolean reachable(ExecutableElement method, TypeElement owner, TypeElement type) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    if (modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)) {
      return true;
    }
    return elements.getPackageOf(owner).equals(elements.getPackageOf(type));
  }

  /**
   * The signatures the fallback may have, e.g. {@code CompletableFuture<String> cached(String id)
   * or CompletableFuture<String> cached(String id, Throwable failure)}.
   */
  private static String expected(ExecutableElement guarded, String name) {
    String prefix = (guarded.getModifiers().contains(Modifier.STATIC) ? "static " : "")
        + TypeNames.simple(guarded.getReturnType()) + " " + name + "(";
    String parameters = TypeNames.declaredParameters(guarded.getParameters());
    boolean taken = guarded.getParameters().stream()
        .anyMatch(p -> p.getSimpleName().contentEquals("failure"));
    String failure = "Throwable " + (taken ? "cause" : "failure");
    return prefix + parameters + ") or " + prefix
        + (parameters.isEmpty() ? failure : parameters + ", " + failure) + ")";
  }

  private static Resolution errors(String message) {
    return new Resolution(false, List.of(), List.of(message));
  }

  private static boolean unresolved(TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> true;
      case ARRAY -> unresolved(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
          .anyMatch(FallbackResolver::unresolved);
      default -> false;
    };
  }

  /** Whether {@code type} mentions a type parameter that {@code method} itself declares. */
  private static boolean mentionsOwnTypeVariable(TypeMirror type, ExecutableElement method) {
    return switch (type.getKind()) {
      case TYPEVAR -> ((TypeVariable) type).asElement() instanceof TypeParameterElement p
          && p.getGenericElement().equals(method);
      case ARRAY -> mentionsOwnTypeVariable(((ArrayType) type).getComponentType(), method);
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
          .anyMatch(t -> mentionsOwnTypeVariable(t, method));
      case WILDCARD -> {
        WildcardType w = (WildcardType) type;
        yield (w.getExtendsBound() != null && mentionsOwnTypeVariable(w.getExtendsBound(), method))
            || (w.getSuperBound() != null && mentionsOwnTypeVariable(w.getSuperBound(), method));
      }
      default -> false;
    };
  }
}
