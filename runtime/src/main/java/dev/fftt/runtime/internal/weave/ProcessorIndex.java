package dev.fftt.runtime.internal.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The index {@code fftt-processor} writes into the class output of a compilation: the binary names
 * ({@code com.acme.Outer$Inner}) of the classes that have woven methods. The one definition of its
 * place ({@link #PATH}) and its format, for the processor that writes it and the code that reads
 * it at run time (a class with woven methods that is not listed was compiled without the
 * processor).
 *
 * <p>Format: UTF-8 text, one binary name per line, each line ending in {@code '\n'}, sorted, no
 * duplicates. A reader ignores blank lines, blanks around a name and lines starting with
 * {@code '#'}.
 *
 * <p>Internal; not API, may change without notice. Depends on nothing but {@code java.base}, so
 * the processor can use it on the annotation processor path.
 */
public final class ProcessorIndex {

  /** Where the index lies, relative to the root of the class output (or jar). */
  public static final String PATH = "META-INF/fftt/woven-classes.idx";

  private ProcessorIndex() {}

  /**
   * Writes {@code binaryNames} to {@code out} in the index format (sorted, duplicates once).
   * Leaves {@code out} open.
   *
   * @throws IllegalArgumentException if a name is empty, holds a blank or a line break, or starts
   *     with {@code '#'}: it would not read back as itself
   */
  public static void write(Collection<String> binaryNames, OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String name : new TreeSet<>(binaryNames)) {
      if (name.isEmpty() || name.startsWith("#") || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("'" + name + "' is not a binary class name; the"
            + " woven-classes index takes names like com.acme.Outer$Inner");
      }
      text.append(name).append('\n');
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Reads an index from {@code in} to its end: the names listed, sorted. Leaves {@code in} open.
   */
  public static SortedSet<String> read(InputStream in) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    for (String line : text.split("\n", -1)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return Collections.unmodifiableSortedSet(names);
  }
}
