package dev.fftt.processor.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.tools.Diagnostic.Kind;

/**
 * The check that two {@code Class<? extends Throwable>[]} values of one annotation (such as
 * {@code failOn} and {@code skipOn}) share no class, each shared class an error on its entry in
 * the second list.
 *
 * <p>Internal; not API, may change without notice.
 */
final class ExceptionLists {

  private ExceptionLists() {}

  /**
   * Reports each class listed in both {@code first} and {@code second}; {@code format} takes the
   * class's simple name.
   */
  static void checkDisjoint(Reporter reporter, Site site, Values values, String first,
      String second, String format) {
    Optional<List<Values.ClassValue>> included = values.asClasses(first);
    Optional<List<Values.ClassValue>> excluded = values.asClasses(second);
    if (included.isEmpty() || excluded.isEmpty()) {
      reporter.cannotJudge();
      return;
    }
    Set<String> names = new HashSet<>();
    included.get().forEach(c -> names.add(c.type().getQualifiedName().toString()));
    for (Values.ClassValue both : excluded.get()) {
      if (names.contains(both.type().getQualifiedName().toString())) {
        reporter.report(Kind.ERROR, String.format(format, both.type().getSimpleName()),
            site.element(), site.mirror(), both.value());
      }
    }
  }
}
