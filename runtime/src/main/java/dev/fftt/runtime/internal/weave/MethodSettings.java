package dev.fftt.runtime.internal.weave;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FFTT annotations that reach one woven method, with the values set on them: what the agent
 * reads from the class file and hands to {@link WovenBootstrap} as the {@code invokedynamic}'s
 * bootstrap arguments, so the runtime needs no reflection over the class. One definition of that
 * format, used to write it ({@link #present}, {@link #entry}, {@link #format}) and to read it
 * ({@link #parse}):
 * <ul>
 *   <li>{@code Retry} — the annotation (its simple name) applies;
 *   <li>{@code Retry/maxRetries=5} — a value set on it, written by {@link #format}: numbers and
 *       booleans as Java writes them, an enum constant by name, classes by binary name separated
 *       by commas, a string as it is.
 * </ul>
 * Attributes not listed take the annotation's own default (read from the annotation type). Only
 * the annotations in {@link #ANNOTATIONS} are known; anything else is an error, never ignored.
 * Immutable.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class MethodSettings {

  /** Every annotation that makes a method woven (the agent weaves by this list). */
  public static final List<Class<? extends Annotation>> ANNOTATIONS =
      List.of(AsyncMonitor.class, Retry.class, WithTimeout.class, LoopCompatible.class,
          CircuitBreaker.class, Bulkhead.class, Fallback.class);

  private static final Map<String, Class<? extends Annotation>> BY_NAME = new HashMap<>();
  /** Each annotation's attributes by name, looked up once (reflection copies on every call). */
  private static final Map<Class<? extends Annotation>, Map<String, Method>> ATTRIBUTES =
      new HashMap<>();
  /** Each attribute's default as text ({@code Retry/maxRetries} to {@code 3}), read once. */
  private static final Map<String, String> DEFAULTS = new HashMap<>();

  static {
    for (Class<? extends Annotation> a : ANNOTATIONS) {
      BY_NAME.put(a.getSimpleName(), a);
      Map<String, Method> attributes = new HashMap<>();
      for (Method m : a.getDeclaredMethods()) {
        attributes.put(m.getName(), m);
        DEFAULTS.put(a.getSimpleName() + "/" + m.getName(), format(m.getDefaultValue()));
      }
      ATTRIBUTES.put(a, attributes);
    }
  }

  private final Set<Class<? extends Annotation>> present;
  private final Map<String, String> values;

  private MethodSettings(Set<Class<? extends Annotation>> present, Map<String, String> values) {
    this.present = present;
    this.values = values;
  }

  // ---- writing ----

  /** The entry saying that {@code annotation} applies. */
  public static String present(Class<? extends Annotation> annotation) {
    return annotation.getSimpleName();
  }

  /** The entry for a value set on {@code annotation}, already {@linkplain #format formatted}. */
  public static String entry(Class<? extends Annotation> annotation, String attribute,
      String value) {
    return annotation.getSimpleName() + "/" + attribute + "=" + value;
  }

  /** An annotation value as the entries write it (the agent formats class-file values alike). */
  public static String format(Object value) {
    if (value instanceof Class<?>[]) {
      StringBuilder names = new StringBuilder();
      for (Class<?> c : (Class<?>[]) value) {
        names.append(names.length() == 0 ? "" : ",").append(c.getName());
      }
      return names.toString();
    }
    if (value instanceof Enum<?>) {
      return ((Enum<?>) value).name();
    }
    return String.valueOf(value);
  }

  /**
   * The entries as one string (each as its length, a colon and the entry), so the bootstrap takes
   * one fixed argument whatever their number: a variable-arity bootstrap makes the JVM adapt it
   * anew for every number of arguments it meets.
   */
  public static String join(String... entries) {
    StringBuilder joined = new StringBuilder();
    for (String entry : entries) {
      joined.append(entry.length()).append(':').append(entry);
    }
    return joined.toString();
  }

  /**
   * Splits what {@link #join} wrote.
   *
   * @throws IllegalArgumentException when {@code joined} is not in that form
   */
  public static String[] split(String joined) {
    List<String> entries = new ArrayList<>();
    int at = 0;
    while (at < joined.length()) {
      int colon = joined.indexOf(':', at);
      int length;
      try {
        length = colon < 0 ? -1 : Integer.parseInt(joined, at, colon, 10);
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0 || colon + 1 + length > joined.length()) {
        throw new IllegalArgumentException("settings '" + joined + "' are not length:entry pairs"
            + " from offset " + at + "; are the agent and the runtime of one version?");
      }
      entries.add(joined.substring(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
    return entries.toArray(new String[0]);
  }

  // ---- reading ----

  /**
   * Reads the entries.
   *
   * @throws IllegalArgumentException for an entry that names no known annotation or attribute,
   *     or is not {@code Annotation} or {@code Annotation/attribute=value}
   */
  public static MethodSettings parse(String... entries) {
    Set<Class<? extends Annotation>> present = new HashSet<>();
    Map<String, String> values = new HashMap<>();
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      Class<? extends Annotation> annotation =
          BY_NAME.get(slash < 0 ? entry : entry.substring(0, slash));
      if (annotation == null) {
        throw new IllegalArgumentException("'" + entry + "' names no FFTT annotation (known: "
            + BY_NAME.keySet() + "); are the agent and the runtime of one version?");
      }
      if (slash < 0) {
        present.add(annotation);
        continue;
      }
      int eq = entry.indexOf('=', slash);
      if (eq < 0) {
        throw new IllegalArgumentException("'" + entry + "' is not Annotation/attribute=value");
      }
      String attribute = entry.substring(slash + 1, eq);
      attribute(annotation, attribute); // must exist
      values.put(annotation.getSimpleName() + "/" + attribute, entry.substring(eq + 1));
    }
    return new MethodSettings(present, values);
  }

  /** The settings of the annotations of {@code method} and its class, read reflectively. */
  public static MethodSettings of(Method method) {
    List<String> entries = new ArrayList<>();
    for (Class<? extends Annotation> type : ANNOTATIONS) {
      Annotation a = method.getAnnotation(type);
      if (a == null) {
        a = method.getDeclaringClass().getAnnotation(type);
      }
      if (a == null) {
        continue;
      }
      entries.add(present(type));
      for (Method attribute : type.getDeclaredMethods()) {
        try {
          entries.add(entry(type, attribute.getName(), format(attribute.invoke(a))));
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("cannot read " + type.getSimpleName() + "."
              + attribute.getName() + ": " + e, e);
        }
      }
    }
    return parse(entries.toArray(new String[0]));
  }

  // ---- overrides ----

  /** The annotation named {@code simpleName} (e.g. {@code Retry}), or {@code null} when none is. */
  public static Class<? extends Annotation> annotationNamed(String simpleName) {
    return BY_NAME.get(simpleName);
  }

  /** The attributes of {@code annotation}, by name. */
  public static Set<String> attributes(Class<? extends Annotation> annotation) {
    return ATTRIBUTES.get(annotation).keySet();
  }

  /**
   * The Java type of attribute {@code attribute} of {@code annotation}.
   *
   * @throws IllegalArgumentException when there is no such attribute
   */
  public static Class<?> attributeType(Class<? extends Annotation> annotation, String attribute) {
    return attribute(annotation, attribute).getReturnType();
  }

  /** The annotations that apply. */
  public Set<Class<? extends Annotation>> present() {
    return java.util.Collections.unmodifiableSet(present);
  }

  /** A copy in which {@code attribute} of {@code annotation} is {@code value} (formatted). */
  public MethodSettings with(Class<? extends Annotation> annotation, String attribute,
      String value) {
    attribute(annotation, attribute); // must exist
    Map<String, String> v = new HashMap<>(values);
    v.put(annotation.getSimpleName() + "/" + attribute, value);
    return new MethodSettings(present, v);
  }

  /** A copy without {@code annotation} (switched off). */
  public MethodSettings without(Class<? extends Annotation> annotation) {
    Set<Class<? extends Annotation>> p = new HashSet<>(present);
    p.remove(annotation);
    Map<String, String> v = new HashMap<>(values);
    v.keySet().removeIf(k -> k.startsWith(annotation.getSimpleName() + "/"));
    return new MethodSettings(p, v);
  }

  /** Whether {@code attribute} of {@code annotation} was set in the code (not its default). */
  public boolean isSet(Class<? extends Annotation> annotation, String attribute) {
    return values.containsKey(annotation.getSimpleName() + "/" + attribute);
  }

  /** Whether any annotation applies. */
  public boolean isEmpty() {
    return present.isEmpty();
  }

  /** Whether {@code annotation} applies. */
  public boolean has(Class<? extends Annotation> annotation) {
    return present.contains(annotation);
  }

  /** The value of an attribute as written, or its default. */
  public String text(Class<? extends Annotation> annotation, String attribute) {
    String key = annotation.getSimpleName() + "/" + attribute;
    String set = values.get(key);
    if (set != null) {
      return set;
    }
    attribute(annotation, attribute); // must exist
    return DEFAULTS.get(key);
  }

  /** A {@code long} attribute. */
  public long longValue(Class<? extends Annotation> annotation, String attribute) {
    return parse(annotation, attribute, Long::parseLong);
  }

  /** An {@code int} attribute. */
  public int intValue(Class<? extends Annotation> annotation, String attribute) {
    return parse(annotation, attribute, Integer::parseInt);
  }

  /** A {@code double} attribute. */
  public double doubleValue(Class<? extends Annotation> annotation, String attribute) {
    return parse(annotation, attribute, Double::parseDouble);
  }

  /** A {@code boolean} attribute. */
  public boolean booleanValue(Class<? extends Annotation> annotation, String attribute) {
    String text = text(annotation, attribute);
    if (!text.equals("true") && !text.equals("false")) {
      throw badValue(annotation, attribute, text, null);
    }
    return Boolean.parseBoolean(text);
  }

  /** An enum attribute of type {@code type}. */
  public <E extends Enum<E>> E enumValue(Class<? extends Annotation> annotation, String attribute,
      Class<E> type) {
    return parse(annotation, attribute, text -> Enum.valueOf(type, text));
  }

  /** A class-array attribute, as binary names (loaded by the caller, in the right loader). */
  public List<String> classNames(Class<? extends Annotation> annotation, String attribute) {
    String text = text(annotation, attribute);
    List<String> names = new ArrayList<>();
    for (String name : text.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return "MethodSettings" + present + values;
  }

  private <T> T parse(Class<? extends Annotation> annotation, String attribute,
      java.util.function.Function<String, T> parser) {
    String text = text(annotation, attribute);
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw badValue(annotation, attribute, text, e);
    }
  }

  private static IllegalArgumentException badValue(Class<? extends Annotation> annotation,
      String attribute, String text, Throwable cause) {
    return new IllegalArgumentException("@" + annotation.getSimpleName() + "(" + attribute + " = "
        + text + ") cannot be read as its type "
        + attribute(annotation, attribute).getReturnType().getSimpleName(), cause);
  }

  private static Method attribute(Class<? extends Annotation> annotation, String attribute) {
    Method method = ATTRIBUTES.get(annotation).get(attribute);
    if (method == null) {
      throw new IllegalArgumentException("@" + annotation.getSimpleName() + " has no attribute '"
          + attribute + "'; are the agent and the runtime of one version?");
    }
    return method;
  }
}
