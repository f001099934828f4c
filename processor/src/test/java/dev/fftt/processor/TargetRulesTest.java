package dev.fftt.processor;

import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

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
}
