package dev.fftt.processor;

import com.google.auto.service.AutoService;
import dev.fftt.processor.internal.BlockingMode;
import dev.fftt.processor.internal.ProcessingSession;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The FFTT annotation processor. It checks the uses of {@code @WithTimeout}, {@code @Retry},
 * {@code @AsyncMonitor}, {@code @LoopCompatible}, {@code @CircuitBreaker}, {@code @Bulkhead} and
 * {@code @Fallback} at build time, each broken rule a compile error on the offending element or
 * annotation value. When the compilation has no errors it writes one resource, the woven-classes
 * index {@code META-INF/fftt/woven-classes.idx} (the binary names of the classes with woven
 * methods, and for each {@code @Fallback} method the fallback overloads the build resolved; path
 * and format defined by the runtime's {@code ProcessorIndex}), for run-time readers: a class with
 * woven methods that it does not list was compiled without the processor.
 * It generates no source or class: the agent reads the annotation values from the class files.
 *
 * <p>Option: {@code -Afftt.blocking=error|warning|off} (default {@code error}) sets how a blocking
 * call in a {@code @LoopCompatible} body is reported; {@code -Afftt.blocking.extra=<class>#<method>,...}
 * adds methods to the blocking calls it knows (e.g. {@code io.vertx.core.Future#await},
 * {@code reactor.core.publisher.Mono#block}); a malformed entry is an error, a class the
 * compilation cannot see a warning.
 *
 * <p>The processor never throws to javac and claims no annotations ({@link #process} returns
 * {@code false}). javac finds it through {@code META-INF/services}; put {@code fftt-processor} on
 * the annotation processor path.
 */
@AutoService(Processor.class)
public final class FfttProcessor extends AbstractProcessor {

  private ProcessingSession session;

  /** Creates the processor; javac calls this through the service loader. */
  public FfttProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    try {
      session = new ProcessingSession(processingEnv);
    } catch (RuntimeException | LinkageError e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
          "fftt-processor could not start (" + e + "); FFTT annotations are not checked");
    }
  }

  /**
   * All annotations ({@code "*"}), though only the seven FFTT ones are read and none is claimed: so
   * that javac runs the processor also when a recompiled class has lost its last FFTT annotation,
   * and the index drops it.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(BlockingMode.OPTION, dev.fftt.processor.internal.BlockingCalls.EXTRA_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    if (session == null) {
      return false;
    }
    try {
      session.round(annotations, roundEnv);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
          "fftt-processor failed (" + e + "); FFTT annotations may be left unchecked."
              + " Please report this to the FFTT Async project.");
    }
    return false;
  }
}
