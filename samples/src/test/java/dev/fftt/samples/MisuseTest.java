package dev.fftt.samples;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.fftt.processor.FfttProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles each misuse sample with the processor: every line marked {@code // expect-error: rule N}
 * must get an error and no other line may. Fails as soon as a rule stops firing.
 */
class MisuseTest {

  private static final Path DIR = Path.of(System.getProperty("fftt.misuse.dir",
      "src/misuse/java"), "dev", "fftt", "samples", "misuse");

  /** A word each rule's message must contain. */
  private static final Map<String, String> KEY_WORDS = Map.of(
      "1", "CompletableFuture",
      "2", "abstract",
      "3", "@WithTimeout",
      "4", "@Retry",
      "5", "[A-Za-z0-9_.-]+",
      "6", "block");

  static Stream<Path> misuseFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
    }
    assertThat(files).hasSize(6);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misuseFiles")
  void everyMarkedLineGetsAnErrorAndNoOtherLineDoes(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    TreeSet<Long> expected = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// expect-error:")) {
        expected.add((long) i + 1);
      }
    }
    JavaFileObject source = JavaFileObjects.forSourceLines(
        "dev.fftt.samples.misuse." + file.getFileName().toString().replace(".java", ""), lines);

    Compilation compilation = javac().withProcessors(new FfttProcessor()).compile(source);

    TreeSet<Long> actual = new TreeSet<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      actual.add(d.getLineNumber());
      String line = lines.get((int) d.getLineNumber() - 1);
      String rule = line.substring(line.indexOf("rule ") + 5).trim();
      assertThat(d.getMessage(Locale.ROOT)).as("message on line %s", d.getLineNumber())
          .contains(KEY_WORDS.get(rule))
          .contains(";"); // what is wrong; how to fix it
    }
    assertThat(actual).as("lines with errors in %s", file.getFileName()).isEqualTo(expected);
  }
}
