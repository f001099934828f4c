package dev.fftt.runtime.internal.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The index {@code fftt-processor} writes into the class output of a compilation: the binary names
 * ({@code com.acme.Outer$Inner}) of the classes that have woven methods. The one definition of its
 * place ({@link #PATH}) and its format, for the processor that writes it and the code that reads
 * it at run time (a class with woven methods that is not listed was compiled without the
 * processor).
 *
 * <p>It also lists, for each {@code @Fallback} method, the fallback methods the processor resolved
 * for it ({@link FallbackCandidate}): the runtime finds each by its exact descriptor, so nothing is
 * searched by reflection at run time.
 *
 * <p>Format: UTF-8 text, each line ending in {@code '\n'}, sorted, no duplicates: a class is one
 * binary name; a fallback candidate is {@code fallback <class> <method><descriptor> <owner>
 * <name><descriptor>} (single blanks, e.g. {@code fallback a.B fetch(I)Ljava/util/concurrent/
 * CompletableFuture; a.B cached(ILjava/lang/Throwable;)Ljava/util/concurrent/CompletableFuture;}).
 * A reader ignores blank lines, blanks around a line and lines starting with {@code '#'}.
 *
 * <p>Internal; not API, may change without notice. Depends on nothing but {@code java.base}, so
 * the processor can use it on the annotation processor path.
 */
public final class ProcessorIndex {

  /** Where the index lies, relative to the root of the class output (or jar). */
  public static final String PATH = "META-INF/fftt/woven-classes.idx";

  private ProcessorIndex() {}

  /**
   * One fallback method the processor resolved for a guarded method: a method of {@code owner}
   * (the guarded method's class or a superclass, binary names) named {@code fallbackName} whose
   * descriptor is {@code fallbackDescriptor}. A guarded method may have several (overloads taking
   * different trailing {@code Throwable} types); the runtime picks among them per failure.
   */
  public record FallbackCandidate(String declaringClass, String method, String methodDescriptor,
      String owner, String fallbackName, String fallbackDescriptor) {

    private static final String PREFIX = "fallback ";

    /** The line this candidate takes in the index (without its line break). */
    String line() {
      return PREFIX + declaringClass + " " + method + methodDescriptor + " " + owner + " "
          + fallbackName + fallbackDescriptor;
    }

    /** The candidate {@code line} writes, or {@code null} when it is not a candidate's line. */
    static FallbackCandidate parse(String line) {
      if (!line.startsWith(PREFIX)) {
        return null;
      }
      String[] parts = line.substring(PREFIX.length()).strip().split(" +");
      if (parts.length != 4 || parts[1].indexOf('(') <= 0 || parts[3].indexOf('(') <= 0) {
        throw new IllegalArgumentException("'" + line + "' is not a fallback line of "
            + PATH + " (expected 'fallback <class> <method><descriptor> <owner> <name><descriptor>');"
            + " rebuild with the fftt-processor of this version");
      }
      int m = parts[1].indexOf('(');
      int f = parts[3].indexOf('(');
      return new FallbackCandidate(parts[0], parts[1].substring(0, m), parts[1].substring(m),
          parts[2], parts[3].substring(0, f), parts[3].substring(f));
    }

    private void check() {
      for (String part : List.of(declaringClass, method, methodDescriptor, owner, fallbackName,
          fallbackDescriptor)) {
        if (part.isEmpty() || part.chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException("'" + line() + "' would not read back: a part is"
              + " empty or holds a blank");
        }
      }
    }
  }

  /** What an index lists: the classes, sorted, and the fallback candidates, in index order. */
  public record Contents(SortedSet<String> classes, List<FallbackCandidate> fallbacks) {}

  /**
   * Writes {@code binaryNames} to {@code out} in the index format (sorted, duplicates once).
   * Leaves {@code out} open.
   *
   * @throws IllegalArgumentException if a name is empty, holds a blank or a line break, or starts
   *     with {@code '#'}: it would not read back as itself
   */
  public static void write(Collection<String> binaryNames, OutputStream out) throws IOException {
    write(binaryNames, List.of(), out);
  }

  /**
   * Writes {@code binaryNames} and {@code fallbacks} to {@code out} in the index format (sorted,
   * duplicates once). Leaves {@code out} open.
   *
   * @throws IllegalArgumentException if a name is empty, holds a blank or a line break, or starts
   *     with {@code '#'}, or a candidate's part is empty or holds a blank: it would not read back
   */
  public static void write(Collection<String> binaryNames,
      Collection<FallbackCandidate> fallbacks, OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String name : new TreeSet<>(binaryNames)) {
      if (name.isEmpty() || name.startsWith("#") || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("'" + name + "' is not a binary class name; the"
            + " woven-classes index takes names like com.acme.Outer$Inner");
      }
      text.append(name).append('\n');
    }
    SortedSet<String> lines = new TreeSet<>();
    for (FallbackCandidate c : fallbacks) {
      c.check();
      lines.add(c.line());
    }
    lines.forEach(line -> text.append(line).append('\n'));
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Reads an index from {@code in} to its end: the class names listed, sorted. Leaves {@code in}
   * open.
   */
  public static SortedSet<String> read(InputStream in) throws IOException {
    return parse(in).classes();
  }

  /**
   * The classes listed by every index {@code loader} sees (one per compilation on its class path):
   * what the agent's and the standalone start's config-key checks ask before they warn.
   */
  public static SortedSet<String> classesListedBy(ClassLoader loader) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    Enumeration<URL> indexes = loader.getResources(PATH);
    while (indexes.hasMoreElements()) {
      try (InputStream in = indexes.nextElement().openStream()) {
        names.addAll(read(in));
      }
    }
    return names;
  }

  /**
   * Reads an index from {@code in} to its end: classes and fallback candidates. Leaves {@code in}
   * open.
   *
   * @throws IllegalArgumentException when a fallback line is malformed
   */
  public static Contents parse(InputStream in) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    List<FallbackCandidate> fallbacks = new ArrayList<>();
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      FallbackCandidate candidate = FallbackCandidate.parse(line);
      if (candidate != null) {
        fallbacks.add(candidate);
      } else {
        names.add(line);
      }
    }
    return new Contents(Collections.unmodifiableSortedSet(names),
        Collections.unmodifiableList(fallbacks));
  }
}
