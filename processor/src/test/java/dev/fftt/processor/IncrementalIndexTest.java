package dev.fftt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index survives incremental compilation: a later compilation of some classes into the same
 * class output keeps the entries of the others (class names and fallback lines), and drops those
 * of recompiled classes that no longer have woven methods or fallbacks.
 */
class IncrementalIndexTest {

  @TempDir Path root;

  @Test
  void laterCompilationsMergeIntoTheIndex() {
    DiskCompiler javac = new DiskCompiler(root);
    // Given a first build of A (woven) and B (plain)
    Path a = javac.write("inc/A.java", woven("A"));
    Path b = javac.write("inc/B.java", "package inc;\npublic class B {}\n");
    assertThat(javac.compile(List.of(), a, b)).isTrue();
    assertThat(javac.index()).hasValue("inc.A\n");

    // When only a new woven class C is compiled
    Path c = javac.write("inc/C.java", woven("C"));
    assertThat(javac.compile(List.of(), c)).isTrue();
    // Then A stays listed
    assertThat(javac.index()).hasValue("inc.A\ninc.C\n");

    // When A is recompiled without its annotation
    javac.write("inc/A.java", "package inc;\npublic class A {}\n");
    assertThat(javac.compile(List.of(), a)).isTrue();
    // Then A leaves the index, C stays
    assertThat(javac.index()).hasValue("inc.C\n");

    // When B gains a woven nested class
    javac.write("inc/B.java", "package inc;\n"
        + "public class B {\n"
        + "  public static class N {\n"
        + "    @dev.fftt.annotations.WithTimeout(1)\n"
        + "    public java.util.concurrent.CompletableFuture<String> call() {\n"
        + "      return null;\n"
        + "    }\n"
        + "  }\n"
        + "}\n");
    assertThat(javac.compile(List.of(), b)).isTrue();
    assertThat(javac.index()).hasValue("inc.B$N\ninc.C\n");
  }

  @Test
  void fallbackLinesOfClassesNotRecompiledStayAndThoseOfRecompiledOnesAreReplaced() {
    DiskCompiler javac = new DiskCompiler(root);
    Path a = javac.write("inc/A.java", withFallback("A", "cached"));
    Path b = javac.write("inc/B.java", withFallback("B", "cached"));
    assertThat(javac.compile(List.of(), a, b)).isTrue();
    assertThat(javac.index()).hasValue("inc.A\ninc.B\n" + line("A", "cached")
        + line("B", "cached"));

    // When only a new woven class C is compiled, the fallback lines of A and B stay
    Path c = javac.write("inc/C.java", woven("C"));
    assertThat(javac.compile(List.of(), c)).isTrue();
    assertThat(javac.index()).hasValue("inc.A\ninc.B\ninc.C\n" + line("A", "cached")
        + line("B", "cached"));

    // When A is recompiled with another fallback, its line is replaced; B's stays
    javac.write("inc/A.java", withFallback("A", "spare"));
    assertThat(javac.compile(List.of(), a)).isTrue();
    assertThat(javac.index()).hasValue("inc.A\ninc.B\ninc.C\n" + line("A", "spare")
        + line("B", "cached"));

    // When A is recompiled still woven but without @Fallback, its line goes
    javac.write("inc/A.java", woven("A"));
    assertThat(javac.compile(List.of(), a)).isTrue();
    assertThat(javac.index()).hasValue("inc.A\ninc.B\ninc.C\n" + line("B", "cached"));
  }

  private static String withFallback(String name, String fallback) {
    return "package inc;\n"
        + "import dev.fftt.annotations.Fallback;\n"
        + "import dev.fftt.annotations.WithTimeout;\n"
        + "import java.util.concurrent.CompletableFuture;\n"
        + "public class " + name + " {\n"
        + "  @WithTimeout(1)\n"
        + "  @Fallback(fallbackMethod = \"" + fallback + "\")\n"
        + "  public CompletableFuture<String> call(int id) {\n"
        + "    return CompletableFuture.completedFuture(\"x\");\n"
        + "  }\n"
        + "  CompletableFuture<String> " + fallback + "(int id, Throwable failure) {\n"
        + "    return CompletableFuture.completedFuture(\"y\");\n"
        + "  }\n"
        + "}\n";
  }

  private static String line(String name, String fallback) {
    return "fallback inc." + name + " call(I)Ljava/util/concurrent/CompletableFuture; inc." + name
        + " " + fallback + "(ILjava/lang/Throwable;)Ljava/util/concurrent/CompletableFuture;\n";
  }

  private static String woven(String name) {
    return "package inc;\n"
        + "import dev.fftt.annotations.WithTimeout;\n"
        + "import java.util.concurrent.CompletableFuture;\n"
        + "public class " + name + " {\n"
        + "  @WithTimeout(1)\n"
        + "  public CompletableFuture<String> call() {\n"
        + "    return CompletableFuture.completedFuture(\"x\");\n"
        + "  }\n"
        + "}\n";
  }
}
