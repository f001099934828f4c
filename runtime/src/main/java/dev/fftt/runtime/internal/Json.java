package dev.fftt.runtime.internal;

import java.util.Locale;

/**
 * The little JSON writing the health report needs: escaped strings and finite numbers.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Json {

  private Json() {}

  /** {@code s} as a JSON string literal, quotes and control characters escaped. */
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
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
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
