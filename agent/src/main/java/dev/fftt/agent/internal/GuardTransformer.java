package dev.fftt.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * The class file transformer the agent registers. It decides cheaply which classes are worth
 * weaving, before anything parses them: a class is passed on to the {@link Weaver} only when it
 * has a class loader (the JDK's boot classes are never woven), is not one of FFTT's own, and its
 * constant pool mentions an FFTT annotation ({@code Ldev/fftt/annotations/}, the descriptor
 * prefix every use of the annotations leaves there), and is not woven already: neither marked as
 * woven at build time ({@link BuildWeaving#MARK}) nor calling the runtime's woven-method bootstrap
 * (so a second transformer never wraps a woven class again). That byte
 * search costs about a microsecond per class, with or without the processor's index, and is
 * exact for class paths that mix classes compiled with and without the processor.
 *
 * <p>The weaver is built on the first class that passes: an application without annotated classes
 * never loads it (nor ASM).
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
final class GuardTransformer implements ClassFileTransformer {

  /** The descriptor prefix every FFTT annotation leaves in a constant pool that uses it. */
  static final String ANNOTATION_MARKER_TEXT =
      "L" + dev.fftt.annotations.AsyncMonitor.class.getPackageName().replace('.', '/') + "/";
  static final byte[] ANNOTATION_MARKER = bytes(ANNOTATION_MARKER_TEXT);
  static final byte[] WOVEN_MARKER = bytes(GuardPrefix.BOOTSTRAP_OWNER);

  /** Internal-name prefixes of classes never woven: FFTT's own. */
  private static final String[] OWN = {
      "dev/fftt/annotations/", "dev/fftt/runtime/", "dev/fftt/agent/internal/",
      "dev/fftt/agent/shaded/", "dev/fftt/agent/junit/", "dev/fftt/agent/FfttAgent",
  };

  private final Instrumentation instrumentation;
  private final boolean monitor;
  private final WeaveListener listener;
  private volatile Weaver weaver;

  GuardTransformer(Instrumentation instrumentation, boolean monitor, WeaveListener listener) {
    this.instrumentation = instrumentation;
    this.monitor = monitor;
    this.listener = listener;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile) {
    if (loader == null || className == null || !isCandidate(className, classFile)) {
      return null;
    }
    return weaver().weave(module, loader, className, classBeingRedefined != null, classFile);
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) {
    return transform(null, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  /** Whether a class of this internal name and class file is passed on to be woven. */
  static boolean isCandidate(String internalName, byte[] classFile) {
    return !isOwn(internalName)
        && indexOf(classFile, ANNOTATION_MARKER) >= 0
        && indexOf(classFile, BuildWeaving.MARK_BYTES) < 0
        && indexOf(classFile, WOVEN_MARKER) < 0;
  }

  /** Whether the class (internal name) is part of FFTT itself. */
  static boolean isOwn(String internalName) {
    for (String prefix : OWN) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The weaver (and with it ASM), built on first use. */
  Weaver weaver() {
    Weaver w = weaver;
    if (w == null) {
      synchronized (this) {
        w = weaver;
        if (w == null) {
          w = new Weaver(instrumentation, monitor, listener);
          weaver = w;
        }
      }
    }
    return w;
  }

  /** The first index of {@code pattern} in {@code data}, or -1. */
  static int indexOf(byte[] data, byte[] pattern) {
    byte first = pattern[0];
    int last = data.length - pattern.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
