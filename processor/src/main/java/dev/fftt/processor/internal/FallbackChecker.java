package dev.fftt.processor.internal;

import dev.fftt.runtime.internal.weave.ProcessorIndex.FallbackCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 9, {@code @Fallback}: its {@code fallbackMethod} must resolve (see
 * {@link FallbackResolver}; each problem an error on the {@code fallbackMethod} value), and no
 * class may be listed in both {@code applyOn} and {@code skipOn}. The candidates it resolves are
 * kept for the woven-classes index ({@link #resolved}).
 *
 * <p>Internal; not API, may change without notice. Keeps the candidates of each type it checked
 * (a type checked again, in a later round, replaces its own).
 */
public final class FallbackChecker implements Checker {

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final FallbackResolver resolver;
  /** Binary name of the type checked → the candidates of its methods, in source order. */
  private final Map<String, List<FallbackCandidate>> resolved = new HashMap<>();

  /**
   * Reads values with {@code elements}, types with {@code types}, and reports through
   * {@code reporter}.
   */
  public FallbackChecker(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.resolver = new FallbackResolver(elements, types);
  }

  @Override
  public void check(TypeModel type) {
    List<FallbackCandidate> found = new ArrayList<>();
    resolved.put(type.binaryName(), found);
    for (MethodModel method : type.methods()) {
      AnnotationMirror mirror = method.own().get(AnnotationKind.FALLBACK);
      if (mirror == null) {
        continue;
      }
      Site site = new Site(method.element(), mirror, false);
      Values values = new Values(elements, mirror);
      ExceptionLists.checkDisjoint(reporter, site, values, "applyOn", "skipOn",
          "@Fallback lists %s in both applyOn and skipOn, so the fallback never runs for it"
              + " (skipOn wins); remove it from one of them");
      Optional<String> name = values.asString("fallbackMethod");
      if (name.isEmpty() || method.returns() == MethodModel.Returns.UNKNOWN) {
        reporter.cannotJudge();
        continue;
      }
      if (method.returns() != MethodModel.Returns.FUTURE || method.lacksBody()) {
        continue; // rules 1 and 2 say what is wrong; there is nothing to fall back from
      }
      FallbackResolver.Resolution resolution =
          resolver.resolve(type.element(), method.element(), name.get());
      if (resolution.unknown()) {
        reporter.cannotJudge();
        continue;
      }
      for (String error : resolution.errors()) {
        reporter.report(Kind.ERROR, error, method.element(), mirror,
            values.raw("fallbackMethod"));
      }
      // The build resolves the fallback and the index names each candidate by its exact
      // descriptor; the runtime then finds it with the guarded class's own Lookup, a direct
      // MethodHandle, no reflective search. Generated typed code (JavaPoet) calling the fallback
      // was considered and not done: code generated into another class cannot call a private
      // fallback method, which the contract allows.
      String descriptor = TypeNames.descriptor(method.element(), types, elements);
      for (FallbackResolver.Candidate candidate : resolution.candidates()) {
        found.add(new FallbackCandidate(type.binaryName(), method.name(), descriptor,
            elements.getBinaryName(candidate.owner()).toString(),
            candidate.method().getSimpleName().toString(),
            TypeNames.descriptor(candidate.method(), types, elements)));
      }
    }
  }

  /** The fallback candidates resolved for {@code type} when it was last checked. */
  public List<FallbackCandidate> resolved(TypeModel type) {
    return resolved.getOrDefault(type.binaryName(), List.of());
  }
}
