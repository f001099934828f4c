package dev.fftt.runtime.internal.util;

import java.util.Locale;

/**
 * The little JSON writing the health report needs: escaped strings and finite numbers.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Json {

  private Json() {}

  /**
   * {@code s} as a JSON string literal: quotes, backslashes, control characters, U+2028/U+2029
   * and unpaired surrogates escaped, so the text is valid JSON and survives UTF-8.
   */
  public static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        case '\b': b.append("\\b"); break;
        case '\f': b.append("\\f"); break;
        default:
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i)); // a proper pair stays as it is
          } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
            // a lone surrogate cannot be encoded as UTF-8; escaped, it survives the transport
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  /** {@code d} as a JSON number with up to three decimals; NaN and infinities as 0. */
  public static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "0.0";
    }
    double rounded = Math.round(d * 1000.0) / 1000.0;
    return Double.toString(rounded).contains("E") ? String.format(Locale.ROOT, "%.3f", rounded)
        : Double.toString(rounded);
  }
}
