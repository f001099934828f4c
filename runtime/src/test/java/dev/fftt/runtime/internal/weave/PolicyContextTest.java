package dev.fftt.runtime.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.testing.ChildSlf4j;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A woven method's policy carries the MDC of its own class's loader, not the runtime's. */
class PolicyContextTest {

  @Test
  void aMethodOfAClassInAChildLoaderCarriesThatLoadersMdc() throws Exception {
    URL testClasses = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
        .toUri().toURL();
    URL[] urls = java.util.stream.Stream.concat(java.util.Arrays.stream(ChildSlf4j.logback()),
        java.util.stream.Stream.of(testClasses)).toArray(URL[]::new);
    try (URLClassLoader child = ChildSlf4j.childFirst(getClass().getClassLoader(),
        List.of("dev.fftt.runtime.internal.weave.childapp."), urls)) {
      Class<?> app = Class.forName("dev.fftt.runtime.internal.weave.childapp.ChildApp", false, child);
      assertThat(app.getClassLoader()).isSameAs(child);

      GuardPolicy policy = AnnotationPolicies.resolve(app.getMethod("call"), true);

      assertThat(policy.context()).isSameAs(Context.of(child)).isNotSameAs(Context.application());
    }
  }

  @Test
  void aMethodOfAClassOnTheClassPathCarriesTheApplicationsMdc() throws Exception {
    GuardPolicy policy = AnnotationPolicies.resolve(
        dev.fftt.runtime.internal.weave.childapp.ChildApp.class.getMethod("call"), true);

    assertThat(policy.context()).isSameAs(Context.application());
  }
}
