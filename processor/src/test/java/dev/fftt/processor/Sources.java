package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.assertj.core.api.Assertions;

/** Test sources under src/test/resources, compiled with the processor, and assertions on them. */
final class Sources {

  private Sources() {}

  /** A source file, e.g. {@code bad/TimeoutZero}. */
  static JavaFileObject source(String path) {
    return JavaFileObjects.forResource(path + ".java");
  }

  /** Compiles {@code sources} with the processor, all lint warnings on. */
  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** Compiles {@code sources} with the processor, {@code options} added. */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    return compileWith(List.of(new FfttProcessor()), options, sources);
  }

  /** Compiles {@code sources} with {@code processors}. */
  static Compilation compileWith(
      List<Processor> processors, List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all,-processing"));
    all.addAll(options);
    return Compiler.javac().withProcessors(processors).withOptions(all).compile(sources);
  }

  /** Asserts the only error is on the line containing {@code line} and says all {@code words}. */
  static void assertOnlyError(
      Compilation compilation, JavaFileObject file, String line, String... words) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining(words[0]).inFile(file).onLineContaining(line);
    Assertions.assertThat(message(compilation.errors().get(0))).contains(words);
  }

  /** Asserts the only warning is on the line containing {@code line} and says all {@code words}. */
  static void assertOnlyWarning(
      Compilation compilation, JavaFileObject file, String line, String... words) {
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining(words[0]).inFile(file).onLineContaining(line);
    Assertions.assertThat(message(compilation.warnings().get(0))).contains(words);
  }

  /**
   * Asserts the only error is on the line containing {@code line}, at the column where
   * {@code at} starts (first found from where {@code line} starts; javac points at a value's
   * start, or at the dot of a qualified one such as {@code ChronoUnit.WEEKS}), and says all
   * {@code words}.
   */
  static void assertOnlyErrorAt(Compilation compilation, JavaFileObject file, String line,
      String at, String... words) {
    assertOnlyError(compilation, file, line, words);
    List<String> lines = text(file).lines().toList();
    int number = 0;
    while (!lines.get(number).contains(line)) {
      number++;
    }
    String text = lines.get(number);
    Assertions.assertThat(text).contains(at);
    assertThat(compilation).hadErrorContaining(words[0]).inFile(file).onLine(number + 1)
        .atColumn(text.indexOf(at, text.indexOf(line)) + 1);
  }

  /** The message of {@code diagnostic}. */
  static String message(Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getMessage(Locale.ROOT);
  }

  /**
   * A file written to the class output, as text. (compile-testing also lists a file that was only
   * looked for, as the processor looks for an earlier index; such a file cannot be read.)
   */
  static Optional<String> classOutput(Compilation compilation, String path) {
    Optional<JavaFileObject> file =
        compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path);
    try (InputStream in = file.isPresent() ? file.get().openInputStream() : null) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code file}. */
  static String text(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test resource, as text. */
  static String resource(String path) {
    try (InputStream in = Sources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
