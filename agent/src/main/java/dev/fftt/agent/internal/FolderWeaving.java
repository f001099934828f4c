package dev.fftt.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Weaves every class file under a folder in place, with the agent's own weaving
 * ({@link BuildWeaving}). A class that names no FFTT annotation, or that is woven already (marked:
 * javac did not compile it again since), is not rewritten, so a second run over unchanged classes
 * writes nothing. A class that carries FFTT annotations and cannot be woven is collected as a
 * failure; the others are still woven, and the caller fails the build naming each. The
 * {@code fftt-maven-plugin}'s goals call it, and so do the agent's own tests that run its
 * scenarios on classes woven at build time.
 *
 * <p>Not thread-safe (one run per folder). Internal; not API, may change without notice.
 */
public final class FolderWeaving {

  /** What one run did. */
  public record Summary(int scanned, List<String> woven, int methods, int alreadyWoven,
      List<String> warnings, List<String> failures) {}

  private FolderWeaving() {}

  /**
   * Weaves the class files under {@code classes}; {@code version} goes into each mark,
   * {@code debug} hears of each class woven.
   *
   * @throws IOException when a class file cannot be read or written
   */
  public static Summary weave(Path classes, String version, Consumer<String> debug)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".class")
          && Files.isRegularFile(p)).sorted().toList();
    }
    List<String> woven = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int methods = 0;
    int already = 0;
    for (Path file : files) {
      String relative = classes.relativize(file).toString().replace('\\', '/');
      String internalName = relative.substring(0, relative.length() - ".class".length());
      if (internalName.endsWith("module-info") || internalName.endsWith("package-info")) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      BuildWeaving.Result result;
      try {
        result = BuildWeaving.weave(internalName, bytes, version);
      } catch (BuildWeaving.UnweavableException e) {
        failures.add(e.getMessage());
        continue;
      }
      warnings.addAll(result.warnings());
      switch (result.outcome()) {
        case WOVEN -> {
          write(file, result.classFile());
          String name = internalName.replace('/', '.');
          woven.add(name);
          methods += result.methods();
          debug.accept("wove " + name + " (" + result.methods() + " method"
              + (result.methods() == 1 ? "" : "s") + ")");
        }
        case ALREADY_WOVEN -> already++;
        default -> { }
      }
    }
    return new Summary(files.size(), List.copyOf(woven), methods, already, List.copyOf(warnings),
        List.copyOf(failures));
  }

  /** Replaces {@code file} by {@code bytes} at once: a reader never sees half a class file. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".fftt-tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
