package dev.fftt.processor.internal;

import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Collects and writes the woven-classes index ({@link ProcessorIndex} defines its path and
 * format): the binary names of the classes with woven methods. It survives incremental
 * compilation: the entries already in the class output are kept, except those of classes compiled
 * again now (they are listed again only if they still have woven methods), and the new ones are
 * added. Which classes were compiled is worked out only when there is an earlier index to merge.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenIndex {

  private final Set<String> woven = new TreeSet<>();
  private final List<Element> originating = new ArrayList<>();
  /** The root elements of each round, as javac handed them over. */
  private final List<Set<? extends Element>> roots = new ArrayList<>();

  /** Notes the classes compiled in a round: {@code roots} and the types nested in them. */
  public void noteCompiled(Set<? extends Element> roots) {
    this.roots.add(roots);
  }

  /** Adds a class with woven methods. */
  public void addWoven(TypeModel type) {
    woven.add(type.binaryName());
    originating.add(type.element());
  }

  /** Merges with the index already in the class output, and writes it if there is anything. */
  public void write(Filer filer, Elements elements) throws IOException {
    SortedSet<String> existing = readExisting(filer);
    Set<String> merged = new TreeSet<>(woven);
    if (!existing.isEmpty()) {
      Set<String> compiled = compiledNames(elements);
      for (String name : existing) {
        if (!compiled.contains(name)) {
          merged.add(name);
        }
      }
    }
    if (merged.isEmpty() && existing.isEmpty()) {
      return;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
        ProcessorIndex.PATH, originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream()) {
      ProcessorIndex.write(merged, out);
    }
  }

  private Set<String> compiledNames(Elements elements) {
    Set<String> names = new HashSet<>();
    for (Set<? extends Element> round : roots) {
      for (TypeElement type : ElementFilter.typesIn(round)) {
        addNames(type, elements, names);
      }
    }
    return names;
  }

  private static void addNames(TypeElement type, Elements elements, Set<String> names) {
    names.add(elements.getBinaryName(type).toString());
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      addNames(nested, elements, names);
    }
  }

  private static SortedSet<String> readExisting(Filer filer) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", ProcessorIndex.PATH);
      try (InputStream in = file.openInputStream()) {
        return ProcessorIndex.read(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      // No index from an earlier compilation (the usual case): start from nothing.
      return new TreeSet<>();
    }
  }
}
