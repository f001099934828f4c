package dev.fftt.runtime.internal.util;

/**
 * Argument checks with uniform messages.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Checks {

  private Checks() {}

  /** Throws {@link IllegalArgumentException} with the formatted message unless {@code ok}. */
  public static void argument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /** Throws {@link NullPointerException} naming {@code what} when {@code value} is null. */
  public static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " must not be null");
    }
    return value;
  }
}
