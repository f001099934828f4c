package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.EffectivePolicy;
import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Configuration overrides: annotation values changed without recompiling, MicroProfile Fault
 * Tolerance's way. Keys {@code <fully.qualified.Class>/<method>/<Annotation>/<attribute>},
 * {@code <fully.qualified.Class>/<Annotation>/<attribute>} and {@code <Annotation>/<attribute>};
 * {@code .../<Annotation>/enabled=false} switches an annotation off. A key is ours when its
 * second-to-last segment names one of {@link MethodSettings#ANNOTATIONS}.
 *
 * <p>Sources, read once ({@link #read}) when the agent starts or attaches: system properties,
 * environment variables ({@code FFTT_} + the key upper-cased, every character outside
 * {@code [A-Za-z0-9]} as {@code _}; looked up for each key that could apply, since that cannot
 * be undone), and a properties file. A more specific key wins whatever its source; for one key,
 * system property, then environment, then file. Overrides apply only where the annotation is
 * present ({@link #apply}); they never add one.
 *
 * <p>Immutable; {@link #current()} is set once by the agent before anything is woven.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Overrides {

  /** Attributes the build checks against the code itself: they cannot be overridden. */
  public static final Set<String> NOT_OVERRIDABLE =
      Set.of("Fallback/fallbackMethod", "LoopCompatible/runOn", "AsyncMonitor/value");
  /** The pseudo-attribute that switches an annotation off. */
  public static final String ENABLED = "enabled";
  /** The system property that names the file when the agent option {@code config=} does not. */
  public static final String FILE_PROPERTY = "fftt.config";
  /** The source of a value from the code (or the annotation's default). */
  public static final String FROM_ANNOTATION = "annotation";

  /** The file's key for the health page's token (see {@link #healthToken()}). */
  public static final String HEALTH_TOKEN_KEY = "health.token";

  private static final Set<String> PLAIN_FILE_KEYS =
      Set.of("blocking.allow", "blocking.extra", HEALTH_TOKEN_KEY);
  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
          + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final Pattern METHOD_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

  private static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of(), null, null);
  private static volatile Overrides current = NONE;

  /** A key of ours. {@code className} and {@code method} are null for wider keys. */
  public record Key(String className, String method, Class<? extends Annotation> annotation,
      String attribute) {

    /** The key as written. */
    public String text() {
      return (className == null ? "" : className + "/") + (method == null ? "" : method + "/")
          + annotation.getSimpleName() + "/" + attribute;
    }

    /** Its environment variable's name. */
    public String envName() {
      return envName(text());
    }

    static String envName(String key) {
      return "FFTT_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
  }

  /** A value (formatted as {@link MethodSettings} writes it) and where it came from. */
  public record Value(Key key, String value, String source) {}

  /** What {@link #apply} made of one method's settings. */
  public record Applied(MethodSettings settings, Map<String, EffectivePolicy.Setting> sources,
      List<String> applied, List<String> problems) {}

  private final Map<String, Value> system;
  private final Map<String, Value> file;
  private final Map<String, String> environment;
  private final Path path;
  /** The file's health.token: a secret, so never in {@link #describeAll()} or toString. */
  private final String healthToken;
  /** The file's plain keys other than health.token (blocking.allow, blocking.extra). */
  private Map<String, String> plainFileValues = Map.of();

  private Overrides(Map<String, Value> system, Map<String, Value> file,
      Map<String, String> environment, Path path, String healthToken) {
    this.system = system;
    this.file = file;
    this.environment = environment;
    this.path = path;
    this.healthToken = healthToken;
  }

  /** The overrides in force (none until the agent installs them). */
  public static Overrides current() {
    return current;
  }

  /** No overrides at all. */
  public static Overrides none() {
    return NONE;
  }

  /** Puts {@code overrides} in force; the agent calls it once, before it weaves anything. */
  public static void install(Overrides overrides) {
    current = overrides;
  }

  /**
   * Reads and checks every source. {@code file} may be null (no file).
   *
   * @throws IllegalArgumentException with one line naming the source, the key, the value and
   *     what is expected: a key of ours with an unknown or non-overridable attribute or a
   *     malformed class or method part, a value that does not parse or breaks a build rule alone,
   *     a file that cannot be read
   */
  public static Overrides read(Properties systemProperties, Map<String, String> environment,
      Path file) {
    Map<String, Value> system = new TreeMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      Key key = parseKey(name, "system property " + name);
      if (key != null) {
        String source = "system property " + name;
        system.put(key.text(), value(key, systemProperties.getProperty(name), source));
      }
    }
    Map<String, Value> fromFile = new TreeMap<>();
    Map<String, String> plain = new HashMap<>();
    String healthToken = null;
    if (file != null) {
      Properties loaded = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        loaded.load(in);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("FFTT config: cannot read config file " + file + ": "
            + e + "; point config= (or -D" + FILE_PROPERTY + "=) at a readable properties file");
      }
      healthToken = loaded.getProperty(HEALTH_TOKEN_KEY);
      for (String name : PLAIN_FILE_KEYS) {
        if (!name.equals(HEALTH_TOKEN_KEY) && loaded.getProperty(name) != null) {
          plain.put(name, loaded.getProperty(name));
        }
      }
      for (String name : loaded.stringPropertyNames()) {
        String source = "file " + file;
        Key key = parseKey(name, source);
        if (key != null) {
          fromFile.put(key.text(), value(key, loaded.getProperty(name), source));
        } else if (!PLAIN_FILE_KEYS.contains(name)) {
          dev.fftt.runtime.internal.util.Log.warn("FFTT config: " + shown(source) + ": key '"
              + shown(name)
              + "' is not an FFTT key and is ignored (keys look like com.acme.Client/fetch/Retry/"
              + "maxRetries, com.acme.Client/Retry/maxRetries or Retry/maxRetries)");
        }
      }
    }
    Map<String, String> env = new HashMap<>();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().startsWith("FFTT_")) {
        env.put(e.getKey(), e.getValue());
      }
    }
    Overrides overrides = new Overrides(Map.copyOf(system), Map.copyOf(fromFile), Map.copyOf(env),
        file, healthToken);
    overrides.plainFileValues = Map.copyOf(plain); // before the object is shared
    overrides.checkEnvironment();
    overrides.checkAlone();
    return overrides;
  }

  /**
   * The key {@code text} is, or {@code null} when it is not ours.
   *
   * @throws IllegalArgumentException when it is ours but malformed
   */
  static Key parseKey(String text, String source) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2) {
      return null;
    }
    Class<? extends Annotation> annotation = MethodSettings.annotationNamed(parts[parts.length - 2]);
    if (annotation == null) {
      return null;
    }
    String attribute = parts[parts.length - 1];
    String at = "FFTT config: " + shown(source) + ": key '" + shown(text) + "'";
    if (parts.length > 4) {
      throw new IllegalArgumentException(at + " has too many parts; expected"
          + " <fully.qualified.Class>/<method>/<Annotation>/<attribute>,"
          + " <fully.qualified.Class>/<Annotation>/<attribute> or <Annotation>/<attribute>");
    }
    String className = parts.length >= 3 ? parts[0] : null;
    String method = parts.length == 4 ? parts[1] : null;
    if (className != null && !CLASS_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException(at + ": '" + shown(className) + "' is not a fully qualified"
          + " class name (e.g. com.acme.Client, a nested class as com.acme.Outer$Inner)");
    }
    if (method != null && !METHOD_NAME.matcher(method).matches()) {
      throw new IllegalArgumentException(at + ": '" + shown(method) + "' is not a method name");
    }
    String name = annotation.getSimpleName() + "/" + attribute;
    if (NOT_OVERRIDABLE.contains(name)) {
      throw new IllegalArgumentException(at + ": " + name + " cannot be overridden (the build"
          + " checks it against the code); change it in the code");
    }
    if (!attribute.equals(ENABLED) && !MethodSettings.attributes(annotation).contains(attribute)) {
      List<String> known = new ArrayList<>(MethodSettings.attributes(annotation));
      known.removeIf(a -> NOT_OVERRIDABLE.contains(annotation.getSimpleName() + "/" + a));
      known.add(ENABLED);
      java.util.Collections.sort(known);
      throw new IllegalArgumentException(at + ": @" + annotation.getSimpleName()
          + " has no attribute '" + shown(attribute) + "'; it has " + String.join(", ", known));
    }
    return new Key(className, method, annotation, attribute);
  }

  /**
   * {@code raw} as {@link MethodSettings} writes the attribute's values.
   *
   * @throws IllegalArgumentException naming the source, key and value when it does not parse
   */
  static Value value(Key key, String raw, String source) {
    String text = raw == null ? "" : raw.trim();
    Class<?> type = key.attribute().equals(ENABLED) ? boolean.class
        : MethodSettings.attributeType(key.annotation(), key.attribute());
    String expected;
    try {
      if (type == boolean.class) {
        expected = "true or false";
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
        return new Value(key, text.toLowerCase(Locale.ROOT), source);
      }
      if (type == int.class) {
        expected = "a whole number";
        return new Value(key, Integer.toString(Integer.parseInt(text)), source);
      }
      if (type == long.class) {
        expected = "a whole number";
        return new Value(key, Long.toString(Long.parseLong(text)), source);
      }
      if (type == double.class) {
        expected = "a number";
        double d = Double.parseDouble(text);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new IllegalArgumentException();
        }
        return new Value(key, Double.toString(d), source);
      }
      if (type == ChronoUnit.class) {
        expected = "a ChronoUnit name (NANOS, MICROS, MILLIS, SECONDS, MINUTES, HOURS, HALF_DAYS,"
            + " DAYS)";
        return new Value(key, ChronoUnit.valueOf(text.toUpperCase(Locale.ROOT)).name(), source);
      }
      if (type == Class[].class) {
        expected = "comma-separated fully qualified class names";
        List<String> names = new ArrayList<>();
        for (String part : text.split(",")) {
          String name = part.trim();
          if (!name.isEmpty()) {
            if (!CLASS_NAME.matcher(name).matches()) {
              throw new IllegalArgumentException();
            }
            names.add(name);
          }
        }
        return new Value(key, String.join(",", names), source);
      }
      return new Value(key, text, source); // a String attribute
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("FFTT config: " + shown(source) + ": " + key.text() + "="
          + shown(raw)
          + " is not " + expectedFor(type));
    }
  }

  /** Longest text of the input an error line shows. */
  private static final int SHOWN = 200;

  /**
   * {@code text} (a key, a value, a source's name: input) as an error or warning line shows it:
   * control and line-separator characters escaped ({@code \n}, {@code \u2028}), so the line
   * stays one line, and at most {@value #SHOWN} characters of it, with how long it was.
   */
  static String shown(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), SHOWN) + 16);
    for (int i = 0; i < text.length() && i < SHOWN; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (text.length() > SHOWN) {
      b.append("...(").append(text.length()).append(" characters)");
    }
    return b.toString();
  }

  private static String expectedFor(Class<?> type) {
    if (type == boolean.class) {
      return "true or false";
    }
    if (type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == double.class) {
      return "a number";
    }
    if (type == ChronoUnit.class) {
      return "a ChronoUnit name (e.g. MILLIS, SECONDS, MINUTES)";
    }
    if (type == Class[].class) {
      return "a comma-separated list of fully qualified class names";
    }
    return "text";
  }

  /** Every {@code FFTT_} variable that ends in a known annotation and attribute must parse. */
  private void checkEnvironment() {
    for (Map.Entry<String, String> e : environment.entrySet()) {
      for (Class<? extends Annotation> a : MethodSettings.ANNOTATIONS) {
        List<String> attributes = new ArrayList<>(MethodSettings.attributes(a));
        attributes.add(ENABLED);
        for (String attribute : attributes) {
          String suffix = Key.envName(a.getSimpleName() + "/" + attribute).substring("FFTT".length());
          if (e.getKey().endsWith(suffix)
              && !NOT_OVERRIDABLE.contains(a.getSimpleName() + "/" + attribute)) {
            value(new Key(null, null, a, attribute), e.getValue(), "environment " + e.getKey());
          }
        }
      }
    }
  }

  /** Each annotation's global keys, over its defaults, must keep the build rules. */
  private void checkAlone() {
    for (Class<? extends Annotation> a : MethodSettings.ANNOTATIONS) {
      MethodSettings alone = MethodSettings.parse(MethodSettings.present(a));
      for (String attribute : MethodSettings.attributes(a)) {
        if ("null".equals(alone.text(a, attribute))) { // required in the code (no default)
          Class<?> type = MethodSettings.attributeType(a, attribute);
          alone = alone.with(a, attribute, type == String.class ? "x" : "1");
        }
      }
      Applied applied = apply(alone, null, null);
      for (String problem : SettingsRules.problems(applied.settings())) {
        throw new IllegalArgumentException("FFTT config: " + describe(applied) + ": " + problem);
      }
    }
  }

  private static String describe(Applied applied) {
    return applied.applied().isEmpty() ? "the defaults" : String.join(", ", applied.applied());
  }

  /**
   * The config file's {@code health.token} (the health page's token, which the environment and
   * a system property may set instead), or {@code null}. Not an override: {@link #isEmpty()}
   * does not count it.
   */
  public String healthToken() {
    return healthToken;
  }

  /**
   * The config file's value of the plain key {@code key} ({@code blocking.allow},
   * {@code blocking.extra}), or {@code null}; {@link #file()} names the file.
   */
  public String fileValue(String key) {
    return plainFileValues.get(key);
  }

  /** The config file read, or {@code null}. */
  public Path file() {
    return path;
  }

  /** Whether there is any override at all (the common case is none). */
  public boolean isEmpty() {
    return system.isEmpty() && file.isEmpty() && environment.isEmpty();
  }

  /** The class and method keys from system properties and the file (for the checks at start). */
  public List<Key> namedKeys() {
    List<Key> keys = new ArrayList<>();
    for (Map<String, Value> source : List.of(system, file)) {
      for (Value v : source.values()) {
        if (v.key().className() != null) {
          keys.add(v.key());
        }
      }
    }
    return keys;
  }

  /** Every value read, as {@code key=value (source)}, for the agent's start line at log=info. */
  public List<String> describeAll() {
    List<String> all = new ArrayList<>();
    for (Map<String, Value> source : List.of(system, file)) {
      for (Value v : source.values()) {
        all.add(v.key().text() + "=" + v.value() + " (" + v.source() + ")");
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      all.add(e.getKey() + "=" + e.getValue() + " (environment)");
    }
    return all;
  }

  /** A method of a class a key names, as the start-up check sees it: its name and its code's settings. */
  public record CodeMethod(String name, MethodSettings settings) {}

  /**
   * The start-up check of the class and method keys, for the agent (which reads the classes' files)
   * and for code woven at build time (which reads the classes): a key naming a class that none of
   * {@code indexed} (the processor indexes' classes) lists, or a method or annotation the class
   * lacks, is a warning to {@code warn}; each named class's annotated methods, merged with the
   * overrides, must keep the build rules.
   *
   * @param methodsOf the methods of a named class, or {@code null} when it cannot be read (the
   *     function has said why)
   * @return the first merged-rule problem ({@link #mergedProblem}), or {@code null}
   */
  public String checkNamedKeys(Set<String> indexed, Function<String, List<CodeMethod>> methodsOf,
      Consumer<String> warn) {
    Set<String> checked = new HashSet<>();
    for (Key key : namedKeys()) {
      if (!indexed.contains(key.className())) {
        warn.accept("config key " + key.text() + " names class " + key.className()
            + ", which no fftt-processor index on the class path lists: it matches no annotated"
            + " method (yet; a class of another loader is checked when it loads)");
        continue;
      }
      List<CodeMethod> methods = methodsOf.apply(key.className());
      if (methods == null) {
        continue;
      }
      boolean matches = false;
      for (CodeMethod m : methods) {
        matches |= (key.method() == null || key.method().equals(m.name()))
            && m.settings().has(key.annotation());
      }
      if (!matches) {
        warn.accept("config key " + key.text() + " matches no method of " + key.className()
            + " with @" + key.annotation().getSimpleName() + ": it has no effect");
      }
      if (checked.add(key.className())) {
        for (CodeMethod m : methods) {
          String problem = m.settings().isEmpty() ? null
              : mergedProblem(m.settings(), key.className(), m.name());
          if (problem != null) {
            return problem;
          }
        }
      }
    }
    return null;
  }

  /**
   * The start-up check of one annotated method: when the overrides that reach it change its
   * values and, merged with {@code code}, break a build rule the code alone keeps (or a value does
   * not fit the annotation), the one-line message naming the keys, the method and the first
   * problem; else {@code null}. The agent runs it on the class files the keys name, code woven at
   * build time on the classes themselves, before anything is guarded.
   */
  public String mergedProblem(MethodSettings code, String className, String methodName) {
    Applied applied = apply(code, className, methodName);
    if (applied.applied().isEmpty()) {
      return null;
    }
    List<String> broken = new ArrayList<>(applied.problems());
    List<String> rules = SettingsRules.problems(applied.settings());
    rules.removeAll(SettingsRules.problems(code));
    broken.addAll(rules);
    return broken.isEmpty() ? null : "FFTT config: " + String.join(", ", applied.applied())
        + ": merged with the code of " + className + "." + methodName + ": " + broken.get(0);
  }

  /**
   * The settings of method {@code methodName} of class {@code className} (both null: the global
   * keys alone) with the overrides that reach them: for each attribute of each annotation present,
   * the most specific key (method, class, global) that has a value, from the first source that
   * has it (system property, environment, file). {@code problems} lists values that do not parse
   * (from the environment, which is looked up only here).
   */
  public Applied apply(MethodSettings code, String className, String methodName) {
    MethodSettings settings = code;
    Map<String, EffectivePolicy.Setting> sources = new TreeMap<>();
    List<String> applied = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Class<? extends Annotation> a : MethodSettings.ANNOTATIONS) {
      if (!code.has(a)) {
        continue;
      }
      Value enabled = find(new Key(null, null, a, ENABLED), className, methodName, problems);
      if (enabled != null && enabled.value().equals("false")) {
        settings = settings.without(a);
        sources.put(a.getSimpleName() + "/" + ENABLED, new EffectivePolicy.Setting("false",
            enabled.source()));
        applied.add(enabled.key().text() + "=false (" + enabled.source() + ")");
        continue;
      }
      for (String attribute : new java.util.TreeSet<>(MethodSettings.attributes(a))) {
        String name = a.getSimpleName() + "/" + attribute;
        Value v = NOT_OVERRIDABLE.contains(name) ? null
            : find(new Key(null, null, a, attribute), className, methodName, problems);
        if (v != null) {
          settings = settings.with(a, attribute, v.value());
          sources.put(name, new EffectivePolicy.Setting(v.value(), v.source()));
          applied.add(v.key().text() + "=" + v.value() + " (" + v.source() + ")");
        } else {
          sources.put(name, new EffectivePolicy.Setting(code.text(a, attribute), FROM_ANNOTATION));
        }
      }
    }
    return new Applied(settings, sources, applied, problems);
  }

  /** The most specific value for {@code global}'s annotation and attribute. */
  private Value find(Key global, String className, String methodName, List<String> problems) {
    if (isEmpty()) {
      return null;
    }
    List<Key> keys = new ArrayList<>(3);
    if (className != null && methodName != null) {
      keys.add(new Key(className, methodName, global.annotation(), global.attribute()));
    }
    if (className != null) {
      keys.add(new Key(className, null, global.annotation(), global.attribute()));
    }
    keys.add(global);
    for (Key key : keys) {
      String text = key.text();
      Value v = system.get(text);
      if (v != null) {
        return v;
      }
      String env = environment.get(key.envName());
      if (env != null) {
        try {
          return value(key, env, "environment " + key.envName());
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      v = file.get(text);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Overrides" + describeAll() + (path == null ? "" : " from " + path);
  }

}
