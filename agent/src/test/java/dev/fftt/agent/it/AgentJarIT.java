package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The packaged agent jar: its manifest, the shading, and the nested runtime. */
class AgentJarIT {

  @Test
  void manifestDeclaresTheAgent() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("dev.fftt.agent.FfttAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("dev.fftt.agent.FfttAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
      assertThat(main.getValue("FFTT-Boot-Jar")).startsWith("META-INF/fftt/").endsWith("-boot.jar");
    }
  }

  @Test
  void byteBuddyIsRelocatedAndNothingUnrelocatedLeaks() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
      assertThat(names).contains("dev/fftt/agent/shaded/bytebuddy/jar/asm/ClassReader.class",
          "dev/fftt/agent/shaded/bytebuddy/agent/ByteBuddyAgent.class",
          "dev/fftt/agent/shaded/bytebuddy/agent/Attacher.class");
      assertThat(names).noneMatch(n -> n.startsWith("net/") || n.matches("META-INF/versions/\\d+/net/.*"));
      assertThat(names).noneMatch(n -> n.endsWith("module-info.class"));
      // the canary the agent checks itself with, outside the packages it never weaves
      assertThat(names).contains("dev/fftt/agent/canary/Canary.class");
      // the runtime is only nested: the system class loader must never load it from here
      assertThat(names).noneMatch(n -> n.startsWith("dev/fftt/runtime/")
          || n.startsWith("dev/fftt/annotations/"));
    }
  }

  @Test
  void theNestedBootJarHoldsTheRuntimeAndTheAnnotations() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      String boot = jar.getManifest().getMainAttributes().getValue("FFTT-Boot-Jar");
      JarEntry entry = jar.getJarEntry(boot);
      assertThat(entry).as(boot).isNotNull();
      try (InputStream in = jar.getInputStream(entry); JarInputStream nested = new JarInputStream(in)) {
        List<String> names = new java.util.ArrayList<>();
        for (JarEntry e = nested.getNextJarEntry(); e != null; e = nested.getNextJarEntry()) {
          names.add(e.getName());
        }
        // all of both (compared by name, not by class literals: loading runtime classes here
        // would change where FfttExtensionIT's attach finds the runtime)
        assertThat(names).containsAll(classFiles(TestPaths.runtimeJar()))
            .containsAll(classFiles(TestPaths.annotationsJar()));
      }
    }
  }

  private static List<String> classFiles(java.nio.file.Path jarPath) throws IOException {
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
          .collect(Collectors.toList());
      assertThat(names).as(jarPath.toString()).isNotEmpty();
      return names;
    }
  }
}
