package dev.fftt.agent.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run in a forked JVM (a newer Java than the build's): for each directory given, defines every
 * class file under it in one loader and links each (the JVM verifies it), printing one line per
 * class, {@code <directory name> ok <name>} or {@code <directory name> error <name> <error>}.
 */
public final class LinkMain {

  private LinkMain() {}

  public static void main(String[] args) throws Exception {
    for (String dir : args) {
      link(Path.of(dir));
    }
  }

  private static void link(Path root) throws Exception {
    Map<String, byte[]> classes = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.endsWith(".class")) {
          classes.put(rel.substring(0, rel.length() - 6).replace('/', '.'), Files.readAllBytes(p));
        }
      }
    }
    DefiningLoader loader = new DefiningLoader("link " + root.getFileName(),
        LinkMain.class.getClassLoader(), classes, Map.of());
    for (String name : new java.util.TreeSet<>(classes.keySet())) {
      Throwable error = loader.link(name);
      System.out.println(root.getFileName() + (error == null ? " ok " + name
          : " error " + name + " " + String.valueOf(error).replace('\n', ' ')));
    }
  }
}
