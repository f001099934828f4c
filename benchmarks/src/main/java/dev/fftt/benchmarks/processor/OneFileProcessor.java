package dev.fftt.benchmarks.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * {@link NoopProcessor} plus one trivial generated source file in its first round: the difference
 * between the two is what a second javac round costs (javac parses and enters the new file, then
 * runs every processor again), the price any processor that generates Java sources pays.
 */
public final class OneFileProcessor extends AbstractProcessor {

  /** The class this processor generates. */
  public static final String GENERATED = "fftt.bench.generated.Generated";

  /** Set in the first round; javac calls {@link #process} on the compiling thread only. */
  private boolean written;

  /** Called by javac through the service loader. */
  public OneFileProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    if (!written) {
      written = true;
      int dot = GENERATED.lastIndexOf('.');
      try (Writer w = processingEnv.getFiler().createSourceFile(GENERATED).openWriter()) {
        w.write("package " + GENERATED.substring(0, dot) + ";\n\nfinal class "
            + GENERATED.substring(dot + 1) + " {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
