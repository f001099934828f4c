package dev.fftt.runtime.internal.health;

import dev.fftt.runtime.internal.util.RuntimeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The page's static files, read once from the runtime's own resources (next to this class) and
 * kept as ready replies: the HTML at {@code /fftt/}, its script, its style and its icon. A fixed
 * table, so no request path ever reaches a file name.
 *
 * <p>Immutable. Internal; not API, may change without notice.
 */
final class PageFiles {

  private static final String DIR = "dev/fftt/runtime/internal/health/";

  private final Map<String, Reply> byPath;

  private PageFiles(Map<String, Reply> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /**
   * Reads the files.
   *
   * @throws IllegalStateException when one is missing (a broken build of the runtime)
   */
  static PageFiles load() {
    Map<String, Reply> files = new HashMap<>();
    files.put(Routes.PAGE, file("page.html", "text/html; charset=utf-8"));
    files.put(Routes.PAGE + "page.js", file("page.js", "text/javascript; charset=utf-8"));
    files.put(Routes.PAGE + "page.css", file("page.css", "text/css; charset=utf-8"));
    files.put(Routes.PAGE + "favicon.svg", file("favicon.svg", "image/svg+xml"));
    return new PageFiles(files);
  }

  /** The reply for {@code path}, or {@code null} when no file is served there. */
  Reply at(String path) {
    return byPath.get(path);
  }

  private static Reply file(String name, String contentType) {
    byte[] bytes;
    try {
      bytes = RuntimeFiles.read(DIR + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the health page's " + name, e);
    }
    if (bytes == null) {
      throw new IllegalStateException("the health page's " + name + " is missing from the FFTT"
          + " runtime (" + DIR + name + "); the runtime jar is incomplete");
    }
    return Reply.of(200, contentType, bytes);
  }
}
