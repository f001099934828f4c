package dev.fftt.processor.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 5, the name of {@code @AsyncMonitor}, and the warning for one explicit name written on two
 * different methods or classes of the compilation (their calls would be counted as one operation).
 * A class-level name counts once, however many methods it reaches: the aggregation is asked for.
 *
 * <p>Internal; not API, may change without notice. Remembers the names seen across rounds.
 */
public final class MonitorChecker implements Checker {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final Elements elements;
  private final Reporter reporter;
  /** Explicit name → the first place it was written (an id, and a label for messages). */
  private final Map<String, String[]> firstUse = new HashMap<>();

  /** Reads values with {@code elements} and reports through {@code reporter}. */
  public MonitorChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (Site site : type.written(AnnotationKind.MONITOR)) {
      Values values = new Values(elements, site.mirror());
      Optional<String> name = values.asString("value");
      if (name.isEmpty()) {
        reporter.cannotJudge();
      } else if (!name.get().isEmpty()) {
        if (NAME.matcher(name.get()).matches()) {
          checkUnique(type, site, values, name.get());
        } else {
          reporter.report(Kind.ERROR, String.format(
              "@AsyncMonitor name \"%s\" must match [A-Za-z0-9_.-]+ (letters, digits, '_', '.',"
                  + " '-'); write it as e.g. \"%s\", or leave it empty for the default"
                  + " SimpleClassName.methodName",
              name.get(), suggest(name.get())),
              site.element(), site.mirror(), values.raw("value"));
        }
      }
    }
  }

  private void checkUnique(TypeModel type, Site site, Values values, String name) {
    String id;
    String label;
    if (site.classLevel()) {
      id = type.binaryName();
      label = "class " + type.label();
    } else {
      ExecutableElement method = (ExecutableElement) site.element();
      id = type.binaryName() + "#" + method;
      label = type.label() + "." + method.getSimpleName() + "()";
    }
    String[] first = firstUse.putIfAbsent(name, new String[] {id, label});
    if (first != null && !first[0].equals(id)) {
      reporter.report(Kind.WARNING, String.format(
          "@AsyncMonitor name \"%s\" is also used on %s, so the calls of both are counted as"
              + " one operation; if that aggregation is meant, keep it, otherwise give each a"
              + " name of its own",
          name, first[1]),
          site.element(), site.mirror(), values.raw("value"));
    }
  }

  private static String suggest(String name) {
    String cleaned = name.trim().replaceAll("[^A-Za-z0-9_.-]+", "_");
    return cleaned.isEmpty() || cleaned.equals("_") ? "my_operation" : cleaned;
  }
}
