package dev.fftt.processor.internal;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic.Kind;

/**
 * One compilation's worth of processing, round by round: finds the types that carry FFTT
 * annotations, runs the value and placement checkers on each, notes the classes whose bodies the
 * {@link BodyListener} reads later, and writes the policy classes and (in the last round) the
 * index, only while no error is known.
 *
 * <p>A type holding something unresolved (an error in the user's code, or a type another
 * processor has yet to generate) is put off to the next round with its diagnostics dropped, and
 * judged in the last round as far as it can be. While a type waits, no policy class is written,
 * so an unresolved type that never resolves leaves nothing generated.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class ProcessingSession {

  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Reporter reporter;
  private final MonitorChecker monitors;
  private final PolicyRows policyRows;
  private final PolicyWriter policyWriter;
  private final BodyListener bodies;
  private final WovenIndex index = new WovenIndex();
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> written = new HashSet<>();
  /** Classes checked and complete, whose policy classes are not written yet. */
  private final List<Ready> ready = new ArrayList<>();
  private BlockingMode mode = BlockingMode.ERROR;
  private String badOption;
  private boolean errorsSeen;
  private boolean incomplete;
  private boolean noted;

  /** Sets up for one compilation; {@code generator} names the processor in {@code @Generated}. */
  public ProcessingSession(ProcessingEnvironment env, String generator) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = treesOf(env);
    this.reporter = new Reporter(env.getMessager(), trees);
    this.monitors = new MonitorChecker(elements, reporter);
    this.policyRows = new PolicyRows(elements, types);
    this.policyWriter = new PolicyWriter(env.getFiler(), elements, generator);
    this.bodies = listenToAnalysis(env);
    if (env.getOptions().containsKey(BlockingMode.OPTION)) {
      String option = env.getOptions().get(BlockingMode.OPTION);
      Optional<BlockingMode> parsed =
          option == null ? Optional.empty() : BlockingMode.parse(option);
      parsed.ifPresent(m -> mode = m);
      badOption = parsed.isPresent() ? null : String.valueOf(option);
    }
  }

  private static Trees treesOf(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      return null; // not javac: the body rules are skipped (said once, in the first round)
    }
  }

  private BodyListener listenToAnalysis(ProcessingEnvironment env) {
    if (trees == null) {
      return null;
    }
    try {
      BodyListener listener = new BodyListener(elements, types, reporter,
          e -> new BodyChecker(trees, mode, new BlockingCalls(e), reporter));
      JavacTask.instance(env).addTaskListener(listener);
      return listener;
    } catch (IllegalArgumentException | IllegalStateException | LinkageError e) {
      return null;
    }
  }

  /** Processes one round. */
  public void round(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    if (badOption != null) {
      reporter.errorNow(String.format(
          "-A%s=%s is not a valid value; use one of error, warning, off (default error)",
          BlockingMode.OPTION, badOption));
      badOption = null;
    }
    errorsSeen |= roundEnv.errorRaised();
    boolean last = roundEnv.processingOver();
    index.noteCompiled(roundEnv.getRootElements(), elements);

    List<TypeElement> todo = typesToExamine(annotations, roundEnv);
    if (bodies == null && !todo.isEmpty() && !noted) {
      noted = true;
      env.getMessager().printMessage(Kind.NOTE, "fftt-processor: this compiler does not offer"
          + " the javac Trees API, so method bodies are not checked (blocking calls and"
          + " supplyAsync/runAsync without an executor)");
    }
    Checker[] checkers = {
      new TargetChecker(reporter),
      new TimeoutChecker(elements, reporter),
      new RetryChecker(elements, reporter),
      monitors,
    };
    for (TypeElement type : todo) {
      examine(type, checkers, last);
    }

    // Write only when no error is known and no class is still waiting for a type to resolve: an
    // unresolved type that stays unresolved fails the compilation. In the last round that is
    // settled; a source written then is still compiled.
    if (!errorsFound() && deferred.isEmpty() && !incomplete) {
      ready.forEach(this::write);
      ready.clear();
    }
    if (last && errorsFound() && bodies != null) {
      bodies.checkNow(); // the build has failed: javac will not analyze, so report all now
    }
    if (last && !errorsFound() && !incomplete) {
      try {
        index.write(env.getFiler());
      } catch (IOException e) {
        reporter.errorNow("fftt-processor could not write " + WovenIndex.PATH + ": " + e);
      }
    }
  }

  private void examine(TypeElement type, Checker[] checkers, boolean last) {
    TypeModel model;
    try {
      model = TypeModel.of(type, elements, types);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      crashed(type, e);
      return;
    }
    for (Checker checker : checkers) {
      try {
        checker.check(model);
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        crashed(type, e);
      }
    }
    Optional<List<List<String>>> rows = Optional.of(List.of());
    if (model.hasWovenMethods()) {
      try {
        rows = policyRows.of(model);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        crashed(type, e);
        return;
      }
      if (rows.isEmpty()) {
        reporter.cannotJudge();
      }
    }
    boolean resolved = !reporter.sawUnresolved();
    if (!resolved && !last) {
      reporter.discard();
      deferred.add(type.getQualifiedName().toString());
      return;
    }
    reporter.commit();
    if (bodies != null && BodyChecker.wants(model)) {
      bodies.expect(model);
    }
    if (!resolved) {
      incomplete = true;
    } else if (model.hasWovenMethods()) {
      index.addWoven(model);
      ready.add(new Ready(
          type.getQualifiedName().toString(), model.binaryName(), rows.get()));
    }
  }

  private void write(Ready ready) {
    if (!written.add(ready.binaryName())) {
      return;
    }
    // Elements of an earlier round are stale: look the class up again.
    TypeElement type = elements.getTypeElement(ready.canonicalName());
    try {
      policyWriter.write(type, ready.binaryName(), ready.rows());
    } catch (IOException e) {
      reporter.reportNow(Kind.ERROR, "fftt-processor could not write the policy class of "
          + ready.binaryName() + ": " + e, type);
    }
  }

  private boolean errorsFound() {
    return errorsSeen || reporter.errorCount() > 0;
  }

  /** The annotated types of this round and the ones put off from the last, in source order. */
  private List<TypeElement> typesToExamine(
      Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    Set<TypeElement> annotated = new HashSet<>();
    for (TypeElement annotation : annotations) {
      if (!annotation.getQualifiedName().toString().startsWith(AnnotationKind.PACKAGE + ".")) {
        continue;
      }
      for (Element element : roundEnv.getElementsAnnotatedWith(annotation)) {
        if (element instanceof TypeElement type) {
          annotated.add(type);
        } else if (element.getKind() == ElementKind.METHOD
            && element.getEnclosingElement() instanceof TypeElement owner) {
          annotated.add(owner);
        }
      }
    }
    List<TypeElement> ordered = new ArrayList<>();
    for (TypeElement root : ElementFilter.typesIn(roundEnv.getRootElements())) {
      collectInOrder(root, annotated, ordered);
    }
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null && !ordered.contains(type)) {
        ordered.add(type);
      }
    }
    deferred.clear();
    return ordered;
  }

  private static void collectInOrder(
      TypeElement type, Set<TypeElement> annotated, List<TypeElement> ordered) {
    if (annotated.contains(type)) {
      ordered.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectInOrder(nested, annotated, ordered);
    }
  }

  private void crashed(TypeElement type, Throwable e) {
    reporter.discard();
    if (e.getClass().getName().endsWith("CompletionFailure")) {
      incomplete = true; // a class file javac cannot read: javac reports it itself
      return;
    }
    incomplete = true;
    reporter.reportNow(Kind.WARNING, "fftt-processor could not check " + type.getQualifiedName()
        + " (" + e + "); its FFTT annotations are not checked, and no policy is generated for it."
        + " Please report this to the FFTT Async project.", type);
  }

  /** A checked class and the rows of its policy class. */
  private record Ready(String canonicalName, String binaryName, List<List<String>> rows) {}
}
