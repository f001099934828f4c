package dev.fftt.runtime.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdkHttpLoaderTest {

  @Test
  void theServerClassNameIsTheClasses() {
    assertThat(JdkHttpLoader.SERVER).isEqualTo(JdkHttpServer.class.getName());
  }

  @Test
  void theLoaderDefinesTheServerItselfAndSharesEverythingElse() throws Exception {
    JdkHttpLoader loader = new JdkHttpLoader();

    Class<?> server = Class.forName(JdkHttpLoader.SERVER, true, loader);

    assertThat(server.getClassLoader()).isSameAs(loader);
    assertThat(server).isNotSameAs(JdkHttpServer.class);
    assertThat(loader.loadClass(HealthEndpoint.class.getName())).isSameAs(HealthEndpoint.class);
    assertThat(loader.loadClass(Routes.class.getName())).isSameAs(Routes.class);
    assertThat(HealthEndpoint.class.isAssignableFrom(server)).isTrue();
    assertThat(loader.loadClass(JdkHttpLoader.SERVER)).isSameAs(server);
  }
}
