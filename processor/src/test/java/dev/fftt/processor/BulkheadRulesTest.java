package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyErrorAt;
import static dev.fftt.processor.Sources.compile;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rule 8: the values of {@code @Bulkhead}. */
class BulkheadRulesTest {

  @Test
  void valueBelowOne() {
    JavaFileObject file = method("@Bulkhead(0)");
    assertOnlyErrorAt(compile(file), file, "@Bulkhead(0)", "0)",
        "@Bulkhead value must be 1 or more", "but is 0", "how many attempts may run at once");
  }

  @Test
  void negativeWaitingTaskQueue() {
    JavaFileObject file = method("@Bulkhead(value = 4, waitingTaskQueue = -1)");
    assertOnlyErrorAt(compile(file), file, "waitingTaskQueue = -1", "-1",
        "@Bulkhead waitingTaskQueue must be 0 or more", "but is -1", "0: none wait");
  }

  @Test
  void zeroWaitingTaskQueueAndOnePermitAreFine() {
    assertThat(compile(method("@Bulkhead(value = 1, waitingTaskQueue = 0)")))
        .succeededWithoutWarnings();
  }

  @Test
  void classLevelValuesAreCheckedOnTheClass() {
    JavaFileObject file = JavaFileObjects.forSourceLines("bh.Limited",
        "package bh;",
        "import dev.fftt.annotations.Bulkhead;",
        "import java.util.concurrent.CompletableFuture;",
        "@Bulkhead(value = -2)",
        "class Limited {",
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    assertOnlyErrorAt(compile(file), file, "@Bulkhead(value = -2)", "-2",
        "@Bulkhead value must be 1 or more", "but is -2");
  }

  private static JavaFileObject method(String annotation) {
    return JavaFileObjects.forSourceLines("bh.Pool",
        "package bh;",
        "import dev.fftt.annotations.Bulkhead;",
        "import java.util.concurrent.CompletableFuture;",
        "class Pool {",
        "  " + annotation,
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
  }
}
