package dev.fftt.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the result files: parses to {@code Map}, {@code List}, {@code String},
 * {@code Double}, {@code Boolean} and {@code null}; writes flat objects of numbers and strings.
 */
public final class Json {

  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value. */
  public static Object parse(String text) {
    Json p = new Json(text);
    Object v = p.value();
    p.ws();
    if (p.i != p.s.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  private Object value() {
    ws();
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': expect("true"); return Boolean.TRUE;
      case 'f': expect("false"); return Boolean.FALSE;
      case 'n': expect("null"); return null;
      default: return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    ws();
    if (s.charAt(i) == '}') {
      i++;
      return m;
    }
    for (;;) {
      ws();
      String key = string();
      ws();
      if (s.charAt(i++) != ':') {
        throw error("':' expected");
      }
      m.put(key, value());
      ws();
      char c = s.charAt(i++);
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw error("',' or '}' expected");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    i++;
    ws();
    if (s.charAt(i) == ']') {
      i++;
      return list;
    }
    for (;;) {
      list.add(value());
      ws();
      char c = s.charAt(i++);
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("',' or ']' expected");
      }
    }
  }

  private String string() {
    if (s.charAt(i) != '"') {
      throw error("string expected");
    }
    i++;
    StringBuilder b = new StringBuilder();
    for (;;) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case 'n': b.append('\n'); break;
          case 't': b.append('\t'); break;
          case 'r': b.append('\r'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: b.append(e);
        }
      } else {
        b.append(c);
      }
    }
  }

  private Object number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String n = s.substring(start, i);
    if (n.isEmpty()) {
      // JMH writes "NaN" and "Infinity" unquoted in some fields
      for (String word : new String[] {"NaN", "Infinity", "-Infinity"}) {
        if (s.startsWith(word, i)) {
          i += word.length();
          return Double.NaN;
        }
      }
      throw error("value expected");
    }
    return Double.parseDouble(n);
  }

  private void expect(String word) {
    if (!s.startsWith(word, i)) {
      throw error(word + " expected");
    }
    i += word.length();
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at " + i);
  }

  /** Writes a flat map of numbers, strings, booleans and nested flat maps/lists as JSON. */
  public static String write(Object v) {
    StringBuilder b = new StringBuilder();
    write(b, v, "");
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, String indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Map) {
      b.append("{");
      String inner = indent + "  ";
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        b.append(first ? "\n" : ",\n").append(inner);
        first = false;
        quote(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue(), inner);
      }
      b.append(first ? "}" : "\n" + indent + "}");
    } else if (v instanceof List) {
      b.append("[");
      boolean first = true;
      for (Object o : (List<?>) v) {
        b.append(first ? "" : ", ");
        first = false;
        write(b, o, indent);
      }
      b.append("]");
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      b.append(Double.isFinite(d) ? new java.math.BigDecimal(d).round(new java.math.MathContext(6))
          .stripTrailingZeros().toPlainString() : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else {
      quote(b, v.toString());
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
