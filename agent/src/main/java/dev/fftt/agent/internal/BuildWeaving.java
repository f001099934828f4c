package dev.fftt.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Weaving done once at build time (the {@code fftt-maven-plugin}'s goals): the agent's own
 * {@link Weaver}, the very rewrite it does when a class loads, applied to a class file, which is
 * then marked as woven so that an agent attached as well leaves it alone. One class file in, the
 * woven class file (or a reason) out; files and build tools are the caller's business.
 *
 * <p>Every FFTT annotation counts here, {@code @AsyncMonitor} included: whether it is honoured is
 * decided when the program runs ({@code -Dfftt.monitor=off}), as it is for the agent's
 * {@code monitor=off}, where the runtime leaves a monitor-only method unguarded.
 *
 * <p>The mark is an invisible class annotation, {@value #MARK}, with the weaver's version as its
 * {@code version} element ({@code javap -v} shows it); the JVM and reflection ignore it, and its
 * type need not exist. {@link GuardTransformer} skips a class that carries it (and any class that
 * calls the woven-method bootstrap, which a tool that drops invisible annotations keeps).
 *
 * <p>Thread-safe: each call builds its own weaver. Internal; not API, may change without notice.
 */
public final class BuildWeaving {

  /** The descriptor of the invisible class annotation that marks a class woven at build time. */
  public static final String MARK = "Ldev/fftt/agent/WovenAtBuildTime;";

  static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.UTF_8);

  private BuildWeaving() {}

  /** What became of one class file. */
  public enum Outcome {
    /** It names no FFTT annotation: left as it is. */
    NOT_ANNOTATED,
    /** It was woven before (marked, or it calls the woven-method bootstrap): left as it is. */
    ALREADY_WOVEN,
    /** It names FFTT annotations, but no method of it is to be woven (see the warnings). */
    NOTHING_TO_WEAVE,
    /** Woven: {@link Result#classFile()} holds the new class file. */
    WOVEN
  }

  /**
   * The outcome; the woven class file (only for {@link Outcome#WOVEN}, else {@code null}); the
   * number of methods woven; and warnings, one line each (FFTT annotations that are ignored, and
   * why: the same the agent logs).
   */
  public record Result(Outcome outcome, byte[] classFile, int methods, List<String> warnings) {}

  /** A class that carries FFTT annotations and cannot be woven; the message says why. */
  public static final class UnweavableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnweavableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Weaves {@code classFile} (of the class {@code internalName}, e.g. {@code com/acme/Client})
   * and marks it, unless it was woven before or names no FFTT annotation.
   *
   * @param version the weaver's version, written into the mark
   * @throws UnweavableException when the class carries FFTT annotations and cannot be woven
   *     (e.g. a class file older than Java 7); the message names the class and the reason
   */
  public static Result weave(String internalName, byte[] classFile, String version)
      throws UnweavableException {
    if (GuardTransformer.isOwn(internalName)
        || GuardTransformer.indexOf(classFile, GuardTransformer.ANNOTATION_MARKER) < 0) {
      return new Result(Outcome.NOT_ANNOTATED, null, 0, List.of());
    }
    if (isWoven(classFile)) {
      return new Result(Outcome.ALREADY_WOVEN, null, 0, List.of());
    }
    Recorder recorder = new Recorder();
    byte[] woven = new Weaver(null, true, recorder)
        .weave(null, null, internalName, false, classFile, MARK, version);
    if (recorder.failure != null) {
      String name = internalName.replace('/', '.');
      Throwable f = recorder.failure;
      throw new UnweavableException("cannot weave " + name + ": "
          + (f instanceof Weaver.UnweavableClassException ? f.getMessage() : String.valueOf(f)),
          f);
    }
    List<String> warnings = List.copyOf(recorder.warnings);
    return woven == null ? new Result(Outcome.NOTHING_TO_WEAVE, null, 0, warnings)
        : new Result(Outcome.WOVEN, woven, recorder.methods, warnings);
  }

  /** Whether {@code classFile} was woven already: marked, or calling the woven-method bootstrap. */
  public static boolean isWoven(byte[] classFile) {
    return GuardTransformer.indexOf(classFile, MARK_BYTES) >= 0
        || GuardTransformer.indexOf(classFile, GuardTransformer.WOVEN_MARKER) >= 0;
  }

  /** Whether {@code classFile} carries the build-time mark. */
  public static boolean isMarked(byte[] classFile) {
    return GuardTransformer.indexOf(classFile, MARK_BYTES) >= 0;
  }

  /** Collects what the weaver reports about one class, instead of logging it. */
  private static final class Recorder extends WeaveListener {
    // One class, woven on the caller's thread: plain fields.
    final List<String> warnings = new ArrayList<>();
    Throwable failure;
    int methods;

    @Override
    void woven(String type, boolean loaded, int count) {
      methods = count;
    }

    @Override
    void failed(String type, ClassLoader loader, Throwable t) {
      failure = t;
    }

    @Override
    void misapplied(String type, ClassLoader loader, String method, String why) {
      warnings.add("the FFTT annotations on " + type + "." + method + " are ignored: " + why);
    }
  }
}
