package dev.fftt.processor.internal;

import java.util.Locale;
import java.util.Optional;
import javax.tools.Diagnostic;

/**
 * How rule 6 (a blocking call in a {@code @LoopCompatible} body) is reported, from the processor
 * option {@code -Afftt.blocking=error|warning|off}.
 *
 * <p>Internal; not API, may change without notice.
 */
public enum BlockingMode {
  /** A compile error (the default). */
  ERROR,
  /** A warning; the build goes on. */
  WARNING,
  /** Not checked. */
  OFF;

  /** The processor option that sets the mode. */
  public static final String OPTION = "fftt.blocking";

  /** The mode named by {@code value} (any case, surrounding blanks ignored), or empty. */
  public static Optional<BlockingMode> parse(String value) {
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    for (BlockingMode mode : values()) {
      if (mode.name().equals(wanted)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** The diagnostic kind a blocking call gets in this mode ({@code OTHER} when off). */
  public Diagnostic.Kind kind() {
    switch (this) {
      case ERROR:
        return Diagnostic.Kind.ERROR;
      case WARNING:
        return Diagnostic.Kind.WARNING;
      default:
        return Diagnostic.Kind.OTHER;
    }
  }
}
