package dev.fftt.runtime.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.spi.FfttExporter;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exporters are found through {@link java.util.ServiceLoader} in the loaders of woven classes,
 * started once per name, and not at all when their option is {@code off}.
 */
class DiscoveryTest {

  /** Started by the runtime; counts its starts. */
  public static final class CountingExporter implements FfttExporter {
    static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public String name() {
      return "test-counting";
    }

    @Override
    public boolean start() {
      STARTS.incrementAndGet();
      return true;
    }
  }

  /** Turned off by its option: must never start. */
  public static final class OffExporter implements FfttExporter {
    static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public String name() {
      return "test-off";
    }

    @Override
    public boolean start() {
      STARTS.incrementAndGet();
      return true;
    }
  }

  /** Its library is "missing": start throws a linkage error, which counts as absent. */
  public static final class MissingLibraryExporter implements FfttExporter {
    static final AtomicInteger STARTS = new AtomicInteger();

    @Override
    public String name() {
      return "test-missing";
    }

    @Override
    public boolean start() {
      STARTS.incrementAndGet();
      throw new NoClassDefFoundError("io/example/Missing");
    }
  }

  @TempDir
  Path dir;

  @AfterEach
  void optionsBack() {
    Exports.configure(Set.of());
  }

  private URLClassLoader loaderListingExporters() throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(FfttExporter.class.getName()),
        CountingExporter.class.getName() + "\n" + OffExporter.class.getName() + "\n"
            + MissingLibraryExporter.class.getName() + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void exportersInALoaderOfWovenClassesStartOncePerNameUnlessTurnedOff() throws IOException {
    Exports.configure(Set.of("test-off"));
    Exports.searchOnce(); // the first search (normally at the first operation) has run

    try (URLClassLoader first = loaderListingExporters();
        URLClassLoader second = loaderListingExporters()) {
      Exports.loaderSeen(first);
      Exports.loaderSeen(first);
      assertThat(CountingExporter.STARTS).hasValue(1);
      assertThat(MissingLibraryExporter.STARTS).hasValue(1);

      Exports.loaderSeen(second); // the same exporter seen through another loader: started already
      assertThat(CountingExporter.STARTS).hasValue(1);
      // one that did not start (its library missing) is tried again where the library may be
      assertThat(MissingLibraryExporter.STARTS).hasValue(2);
      assertThat(OffExporter.STARTS).hasValue(0);
    }
  }
}
