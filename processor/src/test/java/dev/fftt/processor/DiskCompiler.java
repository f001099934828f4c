package dev.fftt.processor;

import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles with the processor into real folders, as a build does, so tests can look at what a
 * failed compilation left behind and at what a later compilation finds in the class output.
 */
final class DiskCompiler {

  private final Path src;
  private final Path out;
  private final Path gen;

  DiskCompiler(Path root) {
    this.src = root.resolve("src");
    this.out = root.resolve("classes");
    this.gen = root.resolve("generated");
    try {
      Files.createDirectories(src);
      Files.createDirectories(out);
      Files.createDirectories(gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a source file; {@code name} like {@code inc/A.java}. */
  Path write(String name, String text) {
    Path file = src.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a test resource (e.g. {@code bad/TimeoutZero}) as a source file. */
  Path copy(String resource) {
    return write(resource + ".java", Sources.resource(resource + ".java"));
  }

  /** Compiles {@code files} (the class output is on the class path); true when it succeeded. */
  boolean compile(List<String> options, Path... files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> all = new ArrayList<>(List.of("-d", out.toString(), "-s", gen.toString(),
          "-cp", out + java.io.File.pathSeparator + System.getProperty("java.class.path")));
      all.addAll(options);
      JavaCompiler.CompilationTask task = javac.getTask(null, manager, diagnostics, all, null,
          manager.getJavaFileObjects(files));
      task.setProcessors(List.of(new FfttProcessor()));
      return task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The woven-classes index in the class output, if there is one. */
  Optional<String> index() {
    Path index = out.resolve(ProcessorIndex.PATH);
    try {
      return Files.exists(index) ? Optional.of(Files.readString(index)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated sources, relative to the generated-sources folder. */
  List<String> generatedSources() {
    try (Stream<Path> files = Files.walk(gen)) {
      return files.filter(Files::isRegularFile).map(f -> gen.relativize(f).toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
