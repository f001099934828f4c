package dev.fftt.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's internal packages depend on each other one way, as their {@code package-info}
 * says: weave → guard → resilience → {timer, loop, monitor} → util, and health (the live page) → util
 * beside them, reading only the public API. A new import against that flow fails here.
 */
class PackageLayoutTest {

  private static final Path INTERNAL = Path.of("src/main/java/dev/fftt/runtime/internal");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.fftt\\.runtime\\.(?:internal\\.(\\w+)|(\\w+))\\.",
          Pattern.MULTILINE);

  /** For each internal package, the runtime packages it may import from ("api" = dev.fftt.runtime). */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      // weave → health: code woven at build time starts the page itself (no agent to do it)
      "weave", Set.of("guard", "resilience", "monitor", "loop", "timer", "export", "health", "util",
          "api"),
      "guard", Set.of("resilience", "timer", "loop", "monitor", "export", "util", "api"),
      "resilience", Set.of("monitor", "export", "util", "api"),
      "timer", Set.of("util"),
      "loop", Set.of("export", "util", "api"),
      "monitor", Set.of("export", "util", "api"),
      "export", Set.of("util", "api"),
      "health", Set.of("util", "api"),
      "util", Set.of());

  @Test
  void internalPackagesDependOneWay() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(INTERNAL)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path relative = INTERNAL.relativize(file);
        if (relative.getNameCount() < 2) {
          violations.add(file + ": a class directly in internal (put it in the package of its step)");
          continue;
        }
        String pkg = relative.getName(0).toString();
        assertThat(ALLOWED).as("known package %s", pkg).containsKey(pkg);
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1) != null ? m.group(1) : "api";
          if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
            violations.add(relative + " imports from " + target);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
