package dev.fftt.runtime.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class counts as checked by the processor only when an index its own loader sees lists it. */
class ProcessorIndexesTest {

  @TempDir
  Path dir;

  @Test
  void aClassListedInAnIndexOfItsLoaderCountsAsChecked() throws Exception {
    Path index = dir.resolve(ProcessorIndex.PATH);
    Files.createDirectories(index.getParent());
    try (OutputStream out = Files.newOutputStream(index)) {
      ProcessorIndex.write(List.of(Listed.class.getName()), out);
    }
    // a child-first loader that defines the two nested classes itself, from this test's classes
    URL classes = Listed.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL(), classes},
        null)) {
      Class<?> listed = Class.forName(Listed.class.getName(), false, loader);
      Class<?> unlisted = Class.forName(Unlisted.class.getName(), false, loader);
      assertThat(listed.getClassLoader()).isSameAs(loader);
      assertThat(ProcessorIndexes.lists(listed)).isTrue();
      assertThat(ProcessorIndexes.lists(unlisted)).isFalse();
    }
    // the same class from the application loader: its loader sees no such index
    assertThat(ProcessorIndexes.lists(Listed.class)).isFalse();
    assertThat(ProcessorIndexes.lists(String.class)).isFalse();
  }

  static final class Listed {}

  static final class Unlisted {}
}
