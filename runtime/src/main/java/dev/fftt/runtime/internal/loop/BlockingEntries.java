package dev.fftt.runtime.internal.loop;

import java.util.regex.Pattern;

/**
 * The one definition of how a blocking method (or an allowed class) is named in
 * {@code blocking.extra}, {@code blocking.allow} and the processor's {@code -Afftt.blocking.extra}:
 * {@code <class>#<method>} with a fully qualified class name (a nested class with {@code $} or
 * {@code .}), or, where a whole class may be named, {@code <class>} alone. Each reader keeps its
 * own error message; this decides what is well formed.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BlockingEntries {

  private static final String NAME = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
  private static final Pattern CLASS_ONLY = Pattern.compile(NAME + "(\\." + NAME + ")*");
  private static final Pattern WITH_METHOD = Pattern.compile(NAME + "(\\." + NAME + ")*#" + NAME);

  private BlockingEntries() {}

  /**
   * Whether {@code entry} is {@code <class>#<method>}, or also {@code <class>} alone when
   * {@code methodRequired} is false.
   */
  public static boolean wellFormed(String entry, boolean methodRequired) {
    return WITH_METHOD.matcher(entry).matches()
        || !methodRequired && CLASS_ONLY.matcher(entry).matches();
  }
}
