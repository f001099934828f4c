package dev.fftt.agent.it.testing;

import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.MethodCall;

/**
 * Writes a class the agent cannot weave: a Java 6 class file (no invokedynamic) whose static
 * {@code ping()} carries {@code @WithTimeout(50 ms)} and returns a future that never completes.
 */
public final class LegacyClass {

  public static final String NAME = "dev.fftt.agent.it.app.gen.Legacy";

  private LegacyClass() {}

  /** Writes it under {@code workDir/legacy-classes} (once) and returns that class path entry. */
  public static synchronized Path classPathEntry() {
    Path dir = TestPaths.workDir().resolve("legacy-classes");
    if (Files.exists(dir.resolve(NAME.replace('.', '/') + ".class"))) {
      return dir;
    }
    try {
      Files.createDirectories(dir);
      new ByteBuddy(ClassFileVersion.JAVA_V6)
          .subclass(Object.class)
          .name(NAME)
          .defineMethod("ping", CompletableFuture.class, Visibility.PUBLIC, Ownership.STATIC)
          .intercept(MethodCall.construct(CompletableFuture.class.getConstructor()))
          .annotateMethod(AnnotationDescription.Builder.ofType(WithTimeout.class)
              .define("value", 50L)
              .define("unit", ChronoUnit.MILLIS)
              .build())
          .make()
          .saveIn(dir.toFile());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
