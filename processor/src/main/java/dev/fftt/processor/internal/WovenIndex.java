package dev.fftt.processor.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The index resource {@value #PATH}: the binary names of the classes with woven methods, one per
 * line, sorted. It survives incremental compilation: the entries already in the class output are
 * kept, except those of classes compiled again now (they are listed again only if they still have
 * woven methods), and the new ones are added.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenIndex {

  /** Where the index is written, relative to the class output. */
  public static final String PATH = "META-INF/fftt/woven-classes.idx";

  private final Set<String> woven = new TreeSet<>();
  private final Set<String> compiled = new HashSet<>();
  private final List<Element> originating = new ArrayList<>();

  /** Notes the classes compiled in a round: {@code roots} and the types nested in them. */
  public void noteCompiled(Set<? extends Element> roots, Elements elements) {
    for (TypeElement type : ElementFilter.typesIn(roots)) {
      noteCompiled(type, elements);
    }
  }

  private void noteCompiled(TypeElement type, Elements elements) {
    compiled.add(elements.getBinaryName(type).toString());
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      noteCompiled(nested, elements);
    }
  }

  /** Adds a class with woven methods. */
  public void addWoven(TypeModel type) {
    woven.add(type.binaryName());
    originating.add(type.element());
  }

  /** Merges with the index already in the class output, and writes it if there is anything. */
  public void write(Filer filer) throws IOException {
    Set<String> merged = new TreeSet<>(woven);
    List<String> existing = readExisting(filer);
    for (String name : existing) {
      if (!compiled.contains(name)) {
        merged.add(name);
      }
    }
    if (merged.isEmpty() && existing.isEmpty()) {
      return;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH,
        originating.toArray(new Element[0]));
    try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String name : merged) {
        out.write(name);
        out.write('\n');
      }
    }
  }

  private static List<String> readExisting(Filer filer) {
    List<String> names = new ArrayList<>();
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String name = line.trim();
          if (!name.isEmpty() && !name.startsWith("#")) {
            names.add(name);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // No index from an earlier compilation (the usual case): start from nothing.
    }
    return names;
  }
}
