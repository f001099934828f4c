package dev.fftt.processor.internal;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The one way the checkers report. Diagnostics about a type are held until the type's checks end:
 * {@link #commit()} prints them, {@link #discard()} drops them (when the type is put off to the
 * next round because something in it is not resolved yet, so nothing is reported twice).
 * Diagnostics that belong to no type ({@link #errorNow}) are printed at once.
 *
 * <p>Internal; not API, may change without notice. Not thread-safe (javac calls processors from
 * one thread).
 */
public final class Reporter {

  private final Messager messager;
  private final Trees trees;
  private final List<Runnable> pending = new ArrayList<>();
  private int pendingErrors;
  private int errors;
  private boolean unresolved;

  /** Reports through {@code messager}, and through {@code trees} (may be null) for code positions. */
  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** An error on {@code element}. */
  public void error(String message, Element element) {
    report(Kind.ERROR, message, element, null, null);
  }

  /**
   * A diagnostic on {@code element}, narrowed to {@code mirror} and to {@code value} where given
   * (either may be null).
   */
  public void report(
      Kind kind, String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
    count(kind);
    pending.add(() -> {
      if (mirror == null) {
        messager.printMessage(kind, message, element);
      } else if (value == null) {
        messager.printMessage(kind, message, element, mirror);
      } else {
        messager.printMessage(kind, message, element, mirror, value);
      }
    });
  }

  /** A diagnostic on a piece of code, such as one method call. */
  public void report(Kind kind, String message, TreePath path) {
    count(kind);
    pending.add(() -> trees.printMessage(kind, message, path.getLeaf(), path.getCompilationUnit()));
  }

  /** An error that belongs to no element (a bad processor option), printed at once. */
  public void errorNow(String message) {
    errors++;
    messager.printMessage(Kind.ERROR, message);
  }

  /** A diagnostic on {@code element}, printed at once. */
  public void reportNow(Kind kind, String message, Element element) {
    if (kind == Kind.ERROR) {
      errors++;
    }
    messager.printMessage(kind, message, element);
  }

  /** Notes that the current type holds something unresolved that a check could not judge. */
  public void cannotJudge() {
    unresolved = true;
  }

  /** Whether {@link #cannotJudge()} was called since the last commit or discard. */
  public boolean sawUnresolved() {
    return unresolved;
  }

  /** Prints the held diagnostics. */
  public void commit() {
    List<Runnable> toPrint = new ArrayList<>(pending);
    errors += pendingErrors;
    reset();
    toPrint.forEach(Runnable::run);
  }

  /** Drops the held diagnostics. */
  public void discard() {
    reset();
  }

  /** How many errors this processor has printed so far. */
  public int errorCount() {
    return errors;
  }

  private void count(Kind kind) {
    if (kind == Kind.ERROR) {
      pendingErrors++;
    }
  }

  private void reset() {
    pending.clear();
    pendingErrors = 0;
    unresolved = false;
  }
}
