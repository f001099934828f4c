package dev.fftt.benchmarks.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that does nothing: the floor that {@link ProcessorCost} measures the
 * FFTT processor against, i.e. what javac spends on running any processor at all (discovering it
 * on the processor path, a fresh class loader, one round over every root element). Like the FFTT
 * processor it asks for every annotation ({@code "*"}) and claims none, so javac calls it the same
 * way. Packed alone into a jar with its service file by {@link ProcessorCost}.
 */
public final class NoopProcessor extends AbstractProcessor {

  /** Called by javac through the service loader. */
  public NoopProcessor() {}

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
    return false;
  }
}
