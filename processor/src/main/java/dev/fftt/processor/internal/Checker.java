package dev.fftt.processor.internal;

/**
 * One family of build-time rules, applied to one type at a time. A checker reports through the
 * shared {@link Reporter} and calls {@link Reporter#cannotJudge()} for what it cannot judge.
 *
 * <p>Internal; not API, may change without notice.
 */
public interface Checker {

  /** Applies the rules to {@code type} and its methods. */
  void check(TypeModel type);
}
