package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyErrorAt;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.message;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Rule 9: {@code @Fallback} must name a usable method; applyOn and skipOn must not overlap. */
class FallbackRulesTest {

  private static final String GUARD = "@Fallback(fallbackMethod = \"cached\")";
  private static final String EXPECTED = "expected: CompletableFuture<String> cached(String id)"
      + " or CompletableFuture<String> cached(String id, Throwable failure)";

  @Test
  void noMethodOfThatNamePrintsTheSignatureExpected() {
    JavaFileObject file = client(GUARD, guarded());
    assertOnlyErrorAt(compile(file), file, GUARD, "\"cached\"",
        "@Fallback fallbackMethod \"cached\" of Client.fetch(String) names no method of Client"
            + " or its superclasses", "declare it in Client", EXPECTED);
  }

  @Test
  void theExpectedSignatureOfAStaticMethodIsStaticAndKeepsAllParameters() {
    JavaFileObject file = client("@Fallback(fallbackMethod = \"backup\")",
        "static CompletionStage<List<String>> all(int limit, String[] tags, Throwable failure) {",
        "  return CompletableFuture.completedFuture(List.of());",
        "}");
    assertOnlyError(compile(file), file, "\"backup\"",
        "names no method of Client", "expected: static CompletionStage<List<String>> backup(int"
            + " limit, String[] tags, Throwable failure) or static CompletionStage<List<String>>"
            + " backup(int limit, String[] tags, Throwable failure, Throwable cause)");
  }

  @Test
  void aPrivateMethodOfASuperclassIsNotReachable() {
    JavaFileObject base = JavaFileObjects.forSourceLines("fb.Base",
        "package fb;",
        "import java.util.concurrent.CompletableFuture;",
        "class Base {",
        "  private CompletableFuture<String> cached(String id) {",
        "    return CompletableFuture.completedFuture(id);",
        "  }",
        "}");
    JavaFileObject file = client("extends Base", GUARD, guarded());
    assertOnlyError(compile(base, file), file, GUARD,
        "@Fallback fallbackMethod \"cached\" of Client.fetch(String) names no method Client can"
            + " call", "cached(String) in superclass Base is private", "make it protected",
        EXPECTED);
  }

  @Test
  void aPackagePrivateMethodOfASuperclassInAnotherPackageIsNotReachable() {
    JavaFileObject base = JavaFileObjects.forSourceLines("other.Base",
        "package other;",
        "import java.util.concurrent.CompletableFuture;",
        "public class Base {",
        "  CompletableFuture<String> cached(String id) {",
        "    return CompletableFuture.completedFuture(id);",
        "  }",
        "}");
    JavaFileObject file = client("extends other.Base", GUARD, guarded());
    assertOnlyError(compile(base, file), file, GUARD,
        "cached(String) in superclass Base is package-private in another package");
  }

  @Test
  void noOverloadWithTheParametersListsWhatItFoundAndWhatItExpects() {
    JavaFileObject file = client(GUARD, guarded(),
        "CompletableFuture<String> cached(int id) {",
        "  return CompletableFuture.completedFuture(\"\");",
        "}",
        "CompletableFuture<String> cached(String id, String reason) {",
        "  return CompletableFuture.completedFuture(\"\");",
        "}");
    assertOnlyErrorAt(compile(file), file, GUARD, "\"cached\"",
        "@Fallback fallbackMethod \"cached\" of Client.fetch(String) names no method with the"
            + " parameters of fetch (optionally plus one trailing Throwable)",
        "found cached(int) in Client, cached(String, String) in Client", EXPECTED);
  }

  @Test
  void aReturnTypeThatIsNotACompletionStage() {
    JavaFileObject file = client(GUARD, guarded(),
        "String cached(String id) {",
        "  return id;",
        "}");
    assertOnlyErrorAt(compile(file), file, GUARD, "\"cached\"",
        "@Fallback method cached(String) in Client returns String, which is not a"
            + " CompletionStage", "make it return CompletableFuture<String>");
  }

  @Test
  void aStageOfAnotherTypeIsNotAssignable() {
    JavaFileObject file = client(GUARD, guarded(),
        "CompletableFuture<Integer> cached(String id) {",
        "  return CompletableFuture.completedFuture(1);",
        "}");
    assertOnlyError(compile(file), file, GUARD,
        "@Fallback method cached(String) in Client returns CompletableFuture<Integer>, which is"
            + " not assignable to CompletableFuture<String>, the return type of"
            + " Client.fetch(String)");
  }

  @Test
  void aCompletionStageIsNotAssignableToACompletableFuture() {
    JavaFileObject file = client(GUARD, guarded(),
        "CompletionStage<String> cached(String id, Throwable failure) {",
        "  return CompletableFuture.completedFuture(id);",
        "}");
    assertOnlyError(compile(file), file, GUARD,
        "@Fallback method cached(String, Throwable) in Client returns CompletionStage<String>,"
            + " which is not assignable to CompletableFuture<String>");
  }

  @Test
  void everyBadOverloadIsReportedBesideAGoodOne() {
    JavaFileObject file = client(GUARD, guarded(),
        "CompletableFuture<String> cached(String id) {",
        "  return CompletableFuture.completedFuture(id);",
        "}",
        "String cached(String id, java.io.IOException failure) {",
        "  return id;",
        "}");
    assertOnlyError(compile(file), file, GUARD,
        "@Fallback method cached(String, IOException) in Client returns String");
  }

  @Test
  void anInstanceFallbackForAStaticMethod() {
    JavaFileObject file = client(GUARD,
        "static CompletableFuture<String> fetch(String id) {",
        "  return CompletableFuture.completedFuture(id);",
        "}",
        "CompletableFuture<String> cached(String id) {",
        "  return CompletableFuture.completedFuture(id);",
        "}");
    assertOnlyErrorAt(compile(file), file, GUARD, "\"cached\"",
        "@Fallback method cached(String) in Client is an instance method, but"
            + " Client.fetch(String) is static", "no receiver", "make cached static");
  }

  @Test
  void aMethodNamingItself() {
    JavaFileObject file = client("@Fallback(fallbackMethod = \"fetch\")", guarded(),
        "CompletableFuture<String> fetch(String id, Throwable failure) {",
        "  return CompletableFuture.completedFuture(id);",
        "}");
    assertOnlyErrorAt(compile(file), file, "fallbackMethod = \"fetch\"", "\"fetch\"",
        "@Fallback fallbackMethod \"fetch\" of Client.fetch(String) names the method itself",
        "name a different method", "expected: CompletableFuture<String> fetchFallback(String id)");
  }

  @Test
  void aNameThatIsNoMethodName() {
    JavaFileObject file = client("@Fallback(fallbackMethod = \"\")", guarded());
    assertOnlyError(compile(file), file, "fallbackMethod = \"\"",
        "@Fallback fallbackMethod \"\" of Client.fetch(String) is not a method name",
        "CompletableFuture<String> fetchFallback(String id)");
  }

  @Test
  void classInBothApplyOnAndSkipOn() {
    JavaFileObject file = client("@Fallback(fallbackMethod = \"cached\","
            + " applyOn = {java.io.IOException.class, IllegalStateException.class},"
            + " skipOn = IllegalStateException.class)", guarded(),
        "CompletableFuture<String> cached(String id) {",
        "  return CompletableFuture.completedFuture(id);",
        "}");
    assertOnlyErrorAt(compile(file), file, "skipOn = IllegalStateException.class",
        ".class)", "@Fallback lists IllegalStateException in both applyOn and skipOn",
        "never runs for it", "remove it from one of them");
  }

  @Test
  void theRulesOfTheOtherAnnotationsComeFirst() {
    // On a method that returns no future, rule 1 says what is wrong; the fallback is not judged.
    JavaFileObject file = client(GUARD,
        "String fetch(String id) {",
        "  return id;",
        "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(message(compilation.errors().get(0)))
        .contains("@Fallback on Client.fetch() needs a method that returns CompletableFuture");
  }

  private static String[] guarded() {
    return new String[] {
      "CompletableFuture<String> fetch(String id) {",
      "  return CompletableFuture.completedFuture(id);",
      "}"};
  }

  /**
   * A class {@code fb.Client} (with {@code extends ...} if the first line starts with it) whose
   * body is the lines given, the first ones annotations and methods written as above.
   */
  private static JavaFileObject client(String first, String... more) {
    List<String> lines = new ArrayList<>(List.of(
        "package fb;",
        "import dev.fftt.annotations.Fallback;",
        "import java.util.List;",
        "import java.util.concurrent.CompletableFuture;",
        "import java.util.concurrent.CompletionStage;"));
    List<String> body = new ArrayList<>();
    if (first.startsWith("extends ")) {
      lines.add("class Client " + first + " {");
    } else {
      lines.add("class Client {");
      body.add(first);
    }
    for (String line : more) {
      body.add(line);
    }
    body.forEach(line -> lines.add("  " + line));
    lines.add("}");
    return JavaFileObjects.forSourceLines("fb.Client", lines);
  }

  private static JavaFileObject client(String first, String annotation, String[] method,
      String... more) {
    List<String> all = new ArrayList<>();
    all.add(annotation);
    all.addAll(List.of(method));
    all.addAll(List.of(more));
    return client(first, all.toArray(new String[0]));
  }

  private static JavaFileObject client(String annotation, String[] method, String... more) {
    List<String> all = new ArrayList<>(List.of(method));
    all.addAll(List.of(more));
    return client(annotation, all.toArray(new String[0]));
  }
}
