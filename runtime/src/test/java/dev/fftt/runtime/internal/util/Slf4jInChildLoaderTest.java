package dev.fftt.runtime.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.testing.ChildSlf4j;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The SLF4J a class loader sees is bound per loader: a child loader with an SLF4J of its own (a
 * web application, an executable Spring Boot jar) gets that copy's logger and MDC, not the one
 * the runtime sees itself (this test's Logback).
 */
class Slf4jInChildLoaderTest {

  private URLClassLoader child;

  @BeforeEach
  void childWithItsOwnSlf4j() {
    child = ChildSlf4j.withLogback(getClass().getClassLoader());
  }

  @AfterEach
  void close() throws IOException {
    ChildSlf4j.clear(child);
    MDC.clear();
    child.close();
  }

  @Test
  void theLoggerIsTheChildsOwnProvidersLogger() {
    Slf4j slf4j = Slf4j.in(child);

    assertThat(slf4j.logs()).isTrue();
    assertThat(slf4j.loggerClass().getName()).isEqualTo("ch.qos.logback.classic.Logger");
    assertThat(slf4j.loggerClass().getClassLoader()).isSameAs(child);
    // the runtime's own (this test's class path) is another copy of the same classes
    assertThat(Slf4j.application().loggerClass().getName()).isEqualTo("ch.qos.logback.classic.Logger");
    assertThat(Slf4j.application().loggerClass()).isNotSameAs(slf4j.loggerClass());
  }

  @Test
  void theMdcIsTheChildsOwn() {
    Context childMdc = Context.of(child);
    Context testMdc = Context.application();

    ChildSlf4j.put(child, "request", "r-child");
    MDC.put("request", "r-test");

    assertThat(childMdc.enabled()).isTrue();
    assertThat(childMdc.capture()).isEqualTo(Map.of("request", "r-child"));
    assertThat(testMdc.capture()).isEqualTo(Map.of("request", "r-test"));

    // attach/restore act on the child's MDC only
    Object saved = childMdc.attach(Map.of("request", "r-carried"));
    assertThat(ChildSlf4j.get(child, "request")).isEqualTo("r-carried");
    assertThat(MDC.get("request")).isEqualTo("r-test");
    childMdc.restore(saved);
    assertThat(ChildSlf4j.get(child, "request")).isEqualTo("r-child");
  }

  @Test
  void eachLoaderIsLookedUpOnce() {
    assertThat(Context.of(child)).isSameAs(Context.of(child));
    assertThat(Slf4j.in(child)).isSameAs(Slf4j.in(child));
  }

  @Test
  void aLoaderThatSeesNoSlf4jHasNoMdcAndNoLogger() throws IOException {
    try (URLClassLoader none = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertThat(Context.of(none)).isSameAs(Context.NONE);
      assertThat(Slf4j.in(none).logs()).isFalse();
      assertThat(Context.NONE.capture()).isNull();
    }
  }

  @Test
  void anSlf4jWithoutProviderDoesNotLogAndIsNotLearned() throws IOException {
    Slf4j before = Slf4j.application();
    try (URLClassLoader apiOnly = ChildSlf4j.childFirst(ClassLoader.getPlatformClassLoader(),
        List.of(), ChildSlf4j.jar("slf4j-api.jar"))) {
      assertThat(Slf4j.in(apiOnly).logs()).isFalse();
      Slf4j.learn(apiOnly);
      assertThat(Slf4j.application()).isSameAs(before);
    }
  }

  @Test
  void learningAnotherLoaderNeverReplacesAnSlf4jThatLogs() {
    Slf4j before = Slf4j.application();
    assertThat(before.logs()).isTrue(); // this test's Logback

    Slf4j.learn(child);

    assertThat(Slf4j.application()).isSameAs(before);
  }
}
