package dev.fftt.processor.internal;

import dev.fftt.runtime.internal.weave.ProcessorIndex;
import dev.fftt.runtime.internal.weave.ProcessorIndex.FallbackCandidate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * Collects and writes the woven-classes index ({@link ProcessorIndex} defines its path and
 * format): the binary names of the classes with woven methods, and the fallback candidates
 * resolved for their {@code @Fallback} methods. It survives incremental compilation: the entries
 * already in the class output (names and fallback lines) are kept, except those of classes
 * compiled again now (they are listed again only if they still have woven methods or fallbacks),
 * and the new ones are added. Which classes were compiled is worked out only when there is an
 * earlier index to merge.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenIndex {

  private final Set<String> woven = new TreeSet<>();
  private final List<FallbackCandidate> fallbacks = new ArrayList<>();
  private final List<Element> originating = new ArrayList<>();
  /** The root elements of each round, as javac handed them over. */
  private final List<Set<? extends Element>> roots = new ArrayList<>();

  /** Notes the classes compiled in a round: {@code roots} and the types nested in them. */
  public void noteCompiled(Set<? extends Element> roots) {
    this.roots.add(roots);
  }

  /** Adds a class with woven methods, and the fallback candidates resolved for its methods. */
  public void addWoven(TypeModel type, List<FallbackCandidate> candidates) {
    woven.add(type.binaryName());
    fallbacks.addAll(candidates);
    originating.add(type.element());
  }

  /** Merges with the index already in the class output, and writes it if there is anything. */
  public void write(Filer filer, Elements elements) throws IOException {
    ProcessorIndex.Contents existing = readExisting(filer);
    Set<String> merged = new TreeSet<>(woven);
    List<FallbackCandidate> mergedFallbacks = new ArrayList<>(fallbacks);
    boolean hadAny = !existing.classes().isEmpty() || !existing.fallbacks().isEmpty();
    if (hadAny) {
      Set<String> compiled = compiledNames(elements);
      for (String name : existing.classes()) {
        if (!compiled.contains(name)) {
          merged.add(name);
        }
      }
      for (FallbackCandidate line : existing.fallbacks()) {
        if (!compiled.contains(line.declaringClass())) {
          mergedFallbacks.add(line);
        }
      }
    }
    if (merged.isEmpty() && mergedFallbacks.isEmpty() && !hadAny) {
      return;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
        ProcessorIndex.PATH, originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream()) {
      ProcessorIndex.write(merged, mergedFallbacks, out);
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

  private static ProcessorIndex.Contents readExisting(Filer filer) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", ProcessorIndex.PATH);
      try (InputStream in = file.openInputStream()) {
        return ProcessorIndex.parse(in);
      }
    } catch (IOException | IllegalArgumentException e) {
      // No index from an earlier compilation (the usual case), or one an older processor wrote
      // that does not parse: start from nothing.
      return new ProcessorIndex.Contents(new TreeSet<>(), List.of());
    }
  }
}
