package dev.fftt.processor.internal;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic.Kind;

/**
 * Runs the {@link BodyChecker} on each class javac has analyzed (the {@code ANALYZE} event, after
 * attribution and flow analysis), so the method calls in a body are resolved by javac itself.
 * Checking bodies during annotation processing instead would make javac attribute those classes
 * early and then again after the last round, printing their lint warnings twice.
 *
 * <p>Only the classes noted during processing ({@link #expect}) are looked at: the event of any
 * other class is dismissed by one look-up of its name, so a large compilation with few annotated
 * classes pays next to nothing per class. When processing
 * has already failed the build, javac will not analyze the classes, so {@link #checkNow} checks
 * them at once (the early attribution that costs is no longer a concern). Never throws to javac.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BodyListener implements TaskListener {

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final Function<Elements, BodyChecker> checkerFactory;
  /** Binary name → canonical name of the classes still to check (removed once checked). */
  private final Map<String, String> expected = new LinkedHashMap<>();
  /** The qualified names of the expected classes and of the classes they are nested in. */
  private final Set<Name> around = new HashSet<>();
  private BodyChecker checker;

  /** Builds its checker with {@code checkerFactory} once processing is over. */
  public BodyListener(Elements elements, Types types, Reporter reporter,
      Function<Elements, BodyChecker> checkerFactory) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.checkerFactory = checkerFactory;
  }

  /** Notes a class whose method bodies are to be checked. */
  public void expect(TypeModel type) {
    expected.put(type.binaryName(), type.element().getQualifiedName().toString());
    for (Element e = type.element(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
      around.add(t.getQualifiedName());
    }
  }

  /**
   * Checks the noted classes now, during the last round of processing, and none later. For a
   * compilation that has already failed: javac stops after processing and analyzes nothing.
   */
  public void checkNow() {
    for (String canonicalName : new ArrayList<>(expected.values())) {
      TypeElement type = elements.getTypeElement(canonicalName);
      if (type != null) {
        guarded(type, () -> check(type));
      }
    }
    expected.clear();
  }

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.ANALYZE || expected.isEmpty()) {
      return;
    }
    TypeElement type = event.getTypeElement();
    if (type == null || !around.contains(type.getQualifiedName())) {
      return;
    }
    guarded(type, () -> check(type));
  }

  private void check(TypeElement type) {
    String name = elements.getBinaryName(type).toString();
    if (expected.remove(name) != null) {
      if (checker == null) {
        checker = checkerFactory.apply(elements);
      }
      checker.check(TypeModel.of(type, elements, types));
      reporter.commit();
    }
    // javac may analyze member classes together with their top-level class: look inside too.
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      check(nested);
    }
  }

  private void guarded(TypeElement type, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reporter.discard();
      reporter.reportNow(Kind.WARNING, "fftt-processor could not check the method bodies of "
          + type + " (" + e + "). Please report this to the FFTT Async project.", type);
    }
  }
}
