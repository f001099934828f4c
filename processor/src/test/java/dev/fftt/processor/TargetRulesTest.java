package dev.fftt.processor;

import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rules 1 and 2: where the annotations may go, at method and at class level. */
class TargetRulesTest {

  @Test
  void withTimeoutOnMethodReturningString() {
    JavaFileObject file = source("bad/NotFutureWithTimeout");
    assertOnlyError(compile(file), file, "@WithTimeout(5)",
        "@WithTimeout on NotFutureWithTimeout.greet()", "CompletableFuture or CompletionStage",
        "returns java.lang.String", "remove @WithTimeout");
  }

  @Test
  void retryOnVoidMethod() {
    JavaFileObject file = source("bad/NotFutureRetry");
    assertOnlyError(compile(file), file, "@Retry(maxRetries = 2)",
        "@Retry on NotFutureRetry.send()", "returns void");
  }

  @Test
  void asyncMonitorOnIntMethod() {
    JavaFileObject file = source("bad/NotFutureMonitor");
    assertOnlyError(compile(file), file, "@AsyncMonitor(\"orders\")",
        "@AsyncMonitor on NotFutureMonitor.count()", "returns int");
  }

  @Test
  void loopCompatibleOnPlainFutureMethod() {
    JavaFileObject file = source("bad/NotFutureLoop");
    assertOnlyError(compile(file), file, "@LoopCompatible",
        "@LoopCompatible on NotFutureLoop.load()", "returns java.util.concurrent.Future");
  }

  @Test
  void annotationOnAbstractMethod() {
    JavaFileObject file = source("bad/AbstractMethod");
    assertOnlyError(compile(file), file, "abstract CompletableFuture<String> fetch();",
        "@Retry on abstract method AbstractMethod.fetch()", "no body", "nothing to weave",
        "method that implements it");
  }

  @Test
  void annotationOnInterfaceMethod() {
    JavaFileObject file = source("bad/InterfaceMethod");
    assertOnlyError(compile(file), file, "CompletionStage<String> fetch();",
        "@WithTimeout on abstract method InterfaceMethod.fetch()", "no body");
  }

  @Test
  void annotationOnNativeMethod() {
    JavaFileObject file = source("bad/NativeMethod");
    assertOnlyError(compile(file), file, "native CompletableFuture<String> fetch();",
        "@AsyncMonitor on native method NativeMethod.fetch()", "no body");
  }

  @Test
  void severalAnnotationsOnAnAbstractMethodGiveOneErrorNamingThemAll() {
    JavaFileObject file = source("bad/AbstractMethodSeveral");
    assertOnlyError(compile(file), file, "CompletableFuture<String> fetch(int id);",
        "@AsyncMonitor, @Retry, @WithTimeout on abstract method AbstractMethodSeveral.fetch()");
  }

  @Test
  void classLevelAnnotationReachingAbstractMethod() {
    JavaFileObject file = source("bad/ClassLevelAbstract");
    assertOnlyError(compile(file), file, "abstract CompletableFuture<String> fetch();",
        "@WithTimeout on class ClassLevelAbstract reaches abstract method",
        "ClassLevelAbstract.fetch()", "annotate the class or method that implements it");
  }

  @Test
  void ownAndClassLevelAnnotationsOnAnAbstractMethodGiveOneError() {
    JavaFileObject file = source("bad/ClassLevelAndOwnOnAbstract");
    assertOnlyError(compile(file), file, "abstract CompletableFuture<String> fetch();",
        "@Retry on abstract method ClassLevelAndOwnOnAbstract.fetch()",
        "move @WithTimeout of class ClassLevelAndOwnOnAbstract to its concrete methods");
  }

  @Test
  void classLevelAnnotationOnClassWithoutFutureMethodsWarns() {
    JavaFileObject file = source("bad/ClassLevelNoFutureMethod");
    assertOnlyWarning(compile(file), file, "@Retry(maxRetries = 1)",
        "@Retry on class ClassLevelNoFutureMethod applies to no method",
        "CompletableFuture or CompletionStage", "remove it");
  }

  @Test
  void circuitBreakerOnMethodReturningString() {
    JavaFileObject file = policy("@CircuitBreaker", "String", "greet()", "return \"x\";");
    assertOnlyError(compile(file), file, "@CircuitBreaker",
        "@CircuitBreaker on Policies.greet() needs a method that returns CompletableFuture or"
            + " CompletionStage", "returns java.lang.String", "remove @CircuitBreaker");
  }

  @Test
  void bulkheadOnVoidMethod() {
    JavaFileObject file = policy("@Bulkhead(2)", "void", "send()", "");
    assertOnlyError(compile(file), file, "@Bulkhead(2)",
        "@Bulkhead on Policies.send() needs a method that returns", "returns void");
  }

  @Test
  void fallbackOnIntMethod() {
    JavaFileObject file = policy("@Fallback(fallbackMethod = \"none\")", "int", "count()",
        "return 0;");
    assertOnlyError(compile(file), file, "@Fallback(fallbackMethod = \"none\")",
        "@Fallback on Policies.count() needs a method that returns", "returns int");
  }

  @Test
  void newAnnotationsOnAnAbstractMethodGiveOneErrorNamingThemAll() {
    JavaFileObject file = JavaFileObjects.forSourceLines("pol.Abstract",
        "package pol;",
        "import dev.fftt.annotations.*;",
        "import java.util.concurrent.CompletableFuture;",
        "abstract class Abstract {",
        "  @WithTimeout(1) @CircuitBreaker @Bulkhead @Fallback(fallbackMethod = \"other\")",
        "  abstract CompletableFuture<String> fetch();",
        "  CompletableFuture<String> other() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    assertOnlyError(compile(file), file, "abstract CompletableFuture<String> fetch();",
        "@WithTimeout, @CircuitBreaker, @Bulkhead, @Fallback on abstract method"
            + " Abstract.fetch()", "no body");
  }

  @Test
  void circuitBreakerOnNativeMethod() {
    JavaFileObject file = JavaFileObjects.forSourceLines("pol.Native",
        "package pol;",
        "import dev.fftt.annotations.*;",
        "import java.util.concurrent.CompletableFuture;",
        "class Native {",
        "  @WithTimeout(1) @CircuitBreaker",
        "  native CompletableFuture<String> fetch();",
        "}");
    assertOnlyError(compile(file), file, "native CompletableFuture<String> fetch();",
        "@WithTimeout, @CircuitBreaker on native method Native.fetch()");
  }

  @Test
  void classLevelBulkheadReachingAnAbstractMethod() {
    JavaFileObject file = JavaFileObjects.forSourceLines("pol.Limited",
        "package pol;",
        "import dev.fftt.annotations.Bulkhead;",
        "import java.util.concurrent.CompletionStage;",
        "@Bulkhead(3)",
        "interface Limited {",
        "  CompletionStage<String> fetch();",
        "  default String name() {",
        "    return \"limited\";",
        "  }",
        "}");
    assertOnlyError(compile(file), file, "CompletionStage<String> fetch();",
        "@Bulkhead on class Limited reaches abstract method Limited.fetch()");
  }

  @Test
  void classLevelCircuitBreakerOnClassWithoutFutureMethodsWarns() {
    JavaFileObject file = JavaFileObjects.forSourceLines("pol.Plain",
        "package pol;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "@CircuitBreaker(delay = 10)",
        "class Plain {",
        "  String name() {",
        "    return \"plain\";",
        "  }",
        "}");
    assertOnlyWarning(compile(file), file, "@CircuitBreaker(delay = 10)",
        "@CircuitBreaker on class Plain applies to no method");
  }

  private static JavaFileObject policy(
      String annotation, String returns, String signature, String body) {
    return JavaFileObjects.forSourceLines("pol.Policies",
        "package pol;",
        "import dev.fftt.annotations.*;",
        "class Policies {",
        "  " + annotation,
        "  " + returns + " " + signature + " {",
        "    " + body,
        "  }",
        "}");
  }
}
