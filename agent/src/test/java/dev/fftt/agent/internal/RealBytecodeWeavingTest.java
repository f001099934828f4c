package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The weaver on bytecode nobody here wrote: every method returning {@code CompletableFuture} or
 * {@code CompletionStage} in Netty, Lettuce, Vert.x core, OkHttp and the JDK's own
 * {@code java.net.http} is given all seven FFTT annotations ({@link AllSeven}), the class is woven
 * as the agent would at load time, and each woven class is then checked: ASM's verifier, every
 * method not woven (constructors included) unchanged, the bootstrap arguments read back by the
 * runtime, and a real load and link by the JVM (which verifies it) in a loader that defines the
 * whole library itself, so package-private access inside it holds as shipped.
 *
 * <p>A class the JVM cannot link as shipped either (an optional dependency it refers to is
 * absent) is counted apart, never as a weaving failure; the same for a class ASM's verifier
 * cannot analyse as shipped. Each library's figures are printed; a failure is any other
 * finding, and the test fails on the first library that has one.
 */
@Timeout(600)
class RealBytecodeWeavingTest {

  /** In the normal build, every how-many-th class has its bodies retyped and woven. */
  static final int SAMPLE = 25;

  // ---- the methods that return a future, as they are: every one, in the normal build ----

  @Test
  void nettyFutures() {
    check(netty(), false, 1);
  }

  @Test
  void lettuceFutures() {
    check(lettuce(), false, 1);
  }

  @Test
  void vertxCoreFutures() {
    check(vertx(), false, 1);
  }

  @Test
  void okHttpFutures() {
    check(okHttp(), false, 1);
  }

  @Test
  void javaNetHttpFutures() {
    check(ClassSource.jdkModule("java.net.http"), false, 1);
  }

  // ---- every method body, retyped to return a future ({@link Retyped}) ----
  // The normal build takes every SAMPLE-th class of each library; the stress group all of them.

  @Test
  void nettyEveryBody() {
    check(netty(), true, sample());
  }

  @Test
  void lettuceEveryBody() {
    check(lettuce(), true, sample());
  }

  @Test
  void vertxCoreEveryBody() {
    check(vertx(), true, sample());
  }

  @Test
  void okHttpEveryBody() {
    check(okHttp(), true, sample());
  }

  @Test
  void javaNetHttpEveryBody() {
    check(ClassSource.jdkModule("java.net.http"), true, sample());
  }

  private static int sample() {
    return Integer.getInteger("fftt.realBytecode.sample", SAMPLE);
  }

  private static ClassSource netty() {
    return ClassSource.jars("Netty", p -> p.contains("/io/netty/"));
  }

  private static ClassSource lettuce() {
    return ClassSource.jars("Lettuce", p -> p.contains("/io/lettuce/"));
  }

  private static ClassSource vertx() {
    return ClassSource.jars("Vert.x core", p -> p.contains("/io/vertx/"));
  }

  private static ClassSource okHttp() {
    return ClassSource.jars("OkHttp", p -> p.contains("/com/squareup/okhttp3/"));
  }

  /** The figures of one library. */
  static final class Figures {
    final String library;
    int classes;
    int classesWithFutures;
    int methodsAnnotated;
    int methodsWoven;
    int abstractReported;
    int classesWoven;
    int asmVerified;
    int asmUnanalysableAsShipped;
    int asmNeedsAbsentClass;
    int refusedBeforeJava7;
    int jvmLinked;
    int jvmUnlinkableAsShipped;
    final List<String> failures = new ArrayList<>();
    final Set<String> unlinkableCauses = new TreeSet<>();

    Figures(String library) {
      this.library = library;
    }

    @Override
    public String toString() {
      return library + ": " + classes + " classes, " + classesWithFutures
          + " with CompletableFuture/CompletionStage methods (after retyping, if any); " + methodsAnnotated
          + " methods annotated, " + methodsWoven + " woven in " + classesWoven + " classes ("
          + abstractReported + " abstract ones reported as not woven; " + refusedBeforeJava7
          + " classes older than Java 7 refused, reported once each); ASM verifier passed "
          + asmVerified + " woven classes (" + asmUnanalysableAsShipped
          + " not analysable as shipped either, " + asmNeedsAbsentClass
          + " needing a class of an absent optional dependency); JVM linked " + jvmLinked + " ("
          + jvmUnlinkableAsShipped + " not linkable as shipped either"
          + (unlinkableCauses.isEmpty() ? "" : ": " + unlinkableCauses) + "); failures "
          + failures.size();
    }
  }

  static Figures check(ClassSource source, boolean retyped, int every) {
    Figures f = weaveAndCheck(source, retyped, every);
    System.out.println("[real bytecode] " + (retyped ? "every body" : "futures") + " of "
        + (every == 1 ? "all classes" : "1 class in " + every) + ": " + f + " <- "
        + source.origins);
    assertThat(f.classes).as("classes read from %s", source.library).isGreaterThan(0);
    assertThat(f.failures).as("%s", f).isEmpty();
    return f;
  }

  static Figures weaveAndCheck(ClassSource source, boolean retyped, int every) {
    Figures f = new Figures(source.library);
    ClassLoader testLoader = RealBytecodeWeavingTest.class.getClassLoader();
    Map<String, byte[]> woven = new LinkedHashMap<>();
    Map<String, byte[]> annotatedFiles = new HashMap<>();
    int index = 0;
    for (Map.Entry<String, byte[]> c : source.classes.entrySet()) {
      if (index++ % every != 0) {
        continue;
      }
      f.classes++;
      String name = c.getKey();
      byte[] classFile = c.getValue();
      if (retyped) {
        classFile = Retyped.addCopies(classFile);
        if (classFile == null) {
          continue;
        }
      }
      AllSeven.Result annotated = AllSeven.annotate(classFile);
      if (annotated.methods().isEmpty()) {
        continue;
      }
      f.classesWithFutures++;
      f.methodsAnnotated += annotated.methods().size();
      Set<String> expected = new HashSet<>();
      Set<String> abstractNames = new TreeSet<>();
      for (AllSeven.Method m : annotated.methods()) {
        if (m.wovenExpected()) {
          expected.add(m.key());
        } else if (!m.concrete()) {
          abstractNames.add(m.name());
        }
      }
      Woven.RecordingListener listener = new Woven.RecordingListener();
      byte[] result = Woven.weave(name, annotated.classFile(), true, listener);

      // What the weaver said: woven with the expected count, abstract methods reported once each
      Set<String> reported = new TreeSet<>();
      List<String> other = new ArrayList<>();
      for (String event : listener.events) {
        String misapplied = "misapplied " + name + ".";
        if (event.startsWith(misapplied)) {
          reported.add(event.substring(misapplied.length(), event.indexOf(':', misapplied.length())));
        } else if (!event.equals("woven " + name + " " + expected.size())) {
          other.add(event);
        }
      }
      f.abstractReported += reported.size();
      if (other.size() == 1 && other.get(0).startsWith("failed " + name + ": its class file version")
          && other.get(0).endsWith("is older than Java 7, and woven code needs invokedynamic;"
              + " recompile it for Java 7 or later") && result == null) {
        f.refusedBeforeJava7++; // documented: reported once, the class runs as it was
        continue;
      }
      if (!other.isEmpty()) {
        f.failures.add(name + ": " + other);
        continue;
      }
      if (!reported.equals(abstractNames)) {
        f.failures.add(name + ": reported " + reported + ", expected " + abstractNames);
      }
      if (expected.isEmpty()) {
        if (result != null) {
          f.failures.add(name + ": woven though only abstract methods were annotated");
        }
        continue;
      }
      if (result == null) {
        f.failures.add(name + ": not woven");
        continue;
      }
      f.classesWoven++;
      f.methodsWoven += expected.size();
      woven.put(name, result);
      annotatedFiles.put(name, annotated.classFile());

      // The class file itself: unchanged where not woven, settings readable, ASM's verifier
      List<String> problems = WovenClassCheck.compare(annotated.classFile(), result, expected);
      if (!problems.isEmpty()) {
        f.failures.add(name + ": " + problems);
      }
      String verdict = WovenClassCheck.asmVerifier(result, testLoader);
      if (verdict.isEmpty()) {
        f.asmVerified++;
      } else if (!WovenClassCheck.asmVerifier(annotated.classFile(), testLoader).isEmpty()) {
        f.asmUnanalysableAsShipped++;
      } else if (verdict.contains("ClassNotFoundException") && verdict.contains("not present")
          || verdict.startsWith("verifier threw java.lang.NoClassDefFoundError")) {
        // ASM's analyzer merges the body's types into the catch-all's frame and loads each to
        // find a common superclass; a class of an optional dependency absent here stops it.
        // The JVM below verifies this class with its stack map frames all the same.
        f.asmNeedsAbsentClass++;
      } else {
        f.failures.add(name + ": ASM verifier: " + firstLines(verdict));
      }
    }

    // The JVM: every woven class loaded and linked (verified) among the library's own classes
    DefiningLoader loader = new DefiningLoader("woven " + source.library, testLoader,
        source.classes, woven);
    DefiningLoader asShipped = null;
    for (String name : woven.keySet()) {
      Throwable error = loader.link(name);
      if (error == null) {
        f.jvmLinked++;
        continue;
      }
      if (asShipped == null) {
        asShipped = new DefiningLoader("as shipped " + source.library, testLoader,
            source.classes, annotatedFiles);
      }
      Throwable shipped = asShipped.link(name);
      if (shipped != null && !(error instanceof VerifyError)
          && shipped.getClass() == error.getClass()) {
        f.jvmUnlinkableAsShipped++;
        f.unlinkableCauses.add(shipped.getClass().getSimpleName() + " " + shipped.getMessage());
      } else {
        f.failures.add(name + ": JVM: " + error + (shipped == null ? "" : " (as shipped: "
            + shipped + ")"));
      }
    }
    return f;
  }

  private static String firstLines(String text) {
    String[] lines = text.split("\n");
    return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 6)));
  }
}
