package dev.fftt.processor.internal;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
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
 * annotations (one {@code getElementsAnnotatedWithAny} for the FFTT annotations present in the
 * round, none when there are none), runs the value and placement checkers on each, notes the
 * classes whose bodies the {@link BodyListener} reads later, and in the last round writes the
 * woven-classes index, only while no error is known. It generates no source, so javac runs no
 * extra round for it.
 *
 * <p>A type holding something unresolved (an error in the user's code, or a type another
 * processor has yet to generate) is put off to the next round with its diagnostics dropped, and
 * judged in the last round as far as it can be. A type that stays unresolved, or that the
 * processor failed on, leaves no index written.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class ProcessingSession {

  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final Reporter reporter;
  private final Checker[] checkers;
  private final FallbackChecker fallbacks;
  private final BodyListener bodies;
  private final WovenIndex index = new WovenIndex();
  private final Set<String> deferred = new LinkedHashSet<>();
  private BlockingMode mode = BlockingMode.ERROR;
  private String badOption;
  /** -Afftt.blocking.extra's entries; its problem (reported in the first round), or null. */
  private List<String> extraBlocking = List.of();
  private String badExtra;
  private boolean extraChecked;
  private boolean errorsSeen;
  private boolean incomplete;
  private boolean noted;

  /** Sets up for one compilation. */
  public ProcessingSession(ProcessingEnvironment env) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = treesOf(env);
    this.reporter = new Reporter(env.getMessager(), trees);
    this.fallbacks = new FallbackChecker(elements, types, reporter);
    this.checkers = new Checker[] {
      new TargetChecker(reporter),
      new TimeoutChecker(elements, reporter),
      new RetryChecker(elements, reporter),
      new MonitorChecker(elements, reporter),
      new CircuitBreakerChecker(elements, reporter),
      new BulkheadChecker(elements, reporter),
      fallbacks,
    };
    try {
      extraBlocking = BlockingCalls.parseExtra(env.getOptions().get(BlockingCalls.EXTRA_OPTION));
    } catch (IllegalArgumentException e) {
      badExtra = e.getMessage();
    }
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
          e -> new BodyChecker(trees, mode, new BlockingCalls(e, extraBlocking),
              new FallbackResolver(e, types), reporter));
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
    if (badExtra != null) {
      reporter.errorNow(badExtra);
      badExtra = null;
    } else if (!extraBlocking.isEmpty() && !extraChecked) {
      extraChecked = true;
      for (String unknown : BlockingCalls.unknownClasses(elements, extraBlocking)) {
        env.getMessager().printMessage(Kind.WARNING, String.format("-A%s names class %s, which"
            + " this compilation cannot see: calls to it are not checked; put it on the class"
            + " path or remove the entry", BlockingCalls.EXTRA_OPTION, unknown));
      }
    }
    errorsSeen |= roundEnv.errorRaised();
    boolean last = roundEnv.processingOver();
    index.noteCompiled(roundEnv.getRootElements());

    List<TypeElement> todo = typesToExamine(annotations, roundEnv);
    if (bodies == null && !todo.isEmpty() && !noted) {
      noted = true;
      env.getMessager().printMessage(Kind.NOTE, "fftt-processor: this compiler does not offer"
          + " the javac Trees API, so method bodies are not checked (blocking calls and"
          + " supplyAsync/runAsync without an executor)");
    }
    for (TypeElement type : todo) {
      examine(type, last);
    }

    if (last && errorsFound() && bodies != null) {
      bodies.checkNow(); // the build has failed: javac will not analyze, so report all now
    }
    if (last && !errorsFound() && !incomplete) {
      try {
        index.write(env.getFiler(), elements);
      } catch (IOException | RuntimeException e) {
        reporter.errorNow("fftt-processor could not write " + ProcessorIndex.PATH + ": " + e);
      }
    }
  }

  private void examine(TypeElement type, boolean last) {
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
      index.addWoven(model, fallbacks.resolved(model));
    }
  }

  private boolean errorsFound() {
    return errorsSeen || reporter.errorCount() > 0;
  }

  /**
   * The types of this round that carry an FFTT annotation (on themselves or a method), in source
   * order, then the ones put off from the last round.
   */
  private List<TypeElement> typesToExamine(
      Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    List<TypeElement> ordered = new ArrayList<>();
    List<TypeElement> fftt = new ArrayList<>(AnnotationKind.values().length);
    for (TypeElement annotation : annotations) {
      if (AnnotationKind.of(annotation).isPresent()) {
        fftt.add(annotation);
      }
    }
    if (!fftt.isEmpty()) {
      Set<TypeElement> annotated = new HashSet<>();
      Set<TypeElement> outermost = new HashSet<>();
      for (Element element :
          roundEnv.getElementsAnnotatedWithAny(fftt.toArray(new TypeElement[0]))) {
        TypeElement owner = null;
        if (element instanceof TypeElement type) {
          owner = type;
        } else if (element.getKind() == ElementKind.METHOD
            && element.getEnclosingElement() instanceof TypeElement enclosing) {
          owner = enclosing;
        }
        if (owner != null && annotated.add(owner)) {
          outermost.add(outermost(owner));
        }
      }
      // Source order: only the roots that hold an annotated type are walked.
      for (Element root : roundEnv.getRootElements()) {
        if (outermost.contains(root)) {
          collectInOrder((TypeElement) root, annotated, ordered);
        }
      }
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

  private static TypeElement outermost(TypeElement type) {
    TypeElement outer = type;
    while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
      outer = enclosing;
    }
    return outer;
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
    incomplete = true;
    if (e.getClass().getName().endsWith("CompletionFailure")) {
      return; // a class file javac cannot read: javac reports it itself
    }
    reporter.reportNow(Kind.WARNING, "fftt-processor could not check " + type.getQualifiedName()
        + " (" + e + "); its FFTT annotations are not checked, and no woven-classes index is"
        + " written by this compilation. Please report this to the FFTT Async project.", type);
  }
}
