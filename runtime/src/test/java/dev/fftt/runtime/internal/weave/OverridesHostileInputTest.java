package dev.fftt.runtime.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration overrides fed by a generator: thousands of random and malformed keys and values
 * (segments valid and not, wrong case, unknown and non-overridable attributes, numbers out of
 * range, NaN, unicode digits, control characters, huge values, malformed {@code \\u} escapes and
 * bytes that are not UTF-8 in the file, a file that is missing or a directory) from system
 * properties, the environment and the file. Each case ends in exactly one of: the one-line
 * {@code FFTT config: ...} error (an IllegalArgumentException, nothing else; the input it quotes
 * with line breaks escaped and cut at 200 characters, so it stays one readable line), or the overrides
 * with every key of ours present at the value given (trimmed and normalized, never a default in
 * its place), and a warning for every key of the file that is not ours.
 */
class OverridesHostileInputTest {

  private static final int CASES = Integer.getInteger("fftt.hostile.configCases", 5_000);
  private static final String[] ANNOTATIONS = {"Retry", "WithTimeout", "CircuitBreaker",
      "Bulkhead", "Fallback", "AsyncMonitor", "LoopCompatible", "retry", "RETRY", "Timeout",
      "Retry ", " Bulkhead", "Unknown", ""};
  private static final String[] CLASSES = {"com.acme.Client", "Client", "com.acme.Outer$Inner",
      "com..acme", ".com.acme", "com.acme.", "com acme", "1com.acme", "com.acme.Ünïcødé", "", "*",
      "com/acme", "java.lang.Object", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p"};
  private static final String[] METHODS = {"fetch", "fetch()", "", "1fetch", "fe tch", "fetch$1",
      "<init>", "ünï", "fetch.x", "*"};
  private static final String[] NUMBERS = {"0", "1", "-1", "5", " 7 ", "2147483647", "2147483648",
      "-2147483649", "9223372036854775807", "9223372036854775808", "1.5", "1e3", "NaN",
      "Infinity", "-Infinity", "0x10", "١٢", "+3", "00012", "", " ", "\t", "1_000", "1,000",
      "0.5", "-0.0", "1e400", "4.9e-324", "one"};
  private static final String[] WORDS = {"true", "false", "TRUE", "False", "yes", "1", "",
      "SECONDS", "seconds", "Millis", "FOREVER", "java.io.IOException",
      "java.io.IOException, java.lang.IllegalStateException", ",,,", "java.io.IOException,,",
      "not a class", "java.io.", "Ljava/io/IOException;", "x", "\u0000", "line\nbreak",
      "cr\rhere", "\u2028sep", "tab\there"};

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  /** The runtime logs to SLF4J here (Logback is on the test class path): its lines, captured. */
  private final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture =
      new ch.qos.logback.core.AppenderBase<>() {
        @Override
        protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
          warnings.add(event.getFormattedMessage());
        }
      };

  private static ch.qos.logback.classic.Logger fftt() {
    return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.fftt");
  }

  @BeforeEach
  void captureWarnings() {
    capture.start();
    fftt().addAppender(capture);
  }

  @AfterEach
  void stopCapturing() {
    fftt().detachAppender(capture);
  }

  @Test
  void everyGeneratedCaseEndsInTheOneLineErrorOrInTheValuesGiven(@TempDir Path dir)
      throws IOException {
    SplittableRandom random = new SplittableRandom(Long.getLong("fftt.hostile.seed", 17L));
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      warnings.clear();
      String kind;
      Properties system = new Properties();
      Map<String, String> env = new HashMap<>();
      Path file = null;
      Map<String, String> fileEntries = new TreeMap<>();
      int source = random.nextInt(10);
      if (source < 4) {
        kind = "system";
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          system.setProperty(key(random), value(random));
        }
      } else if (source < 6) {
        kind = "environment";
        env.put("FFTT_" + key(random).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
            value(random));
      } else if (source < 9) {
        kind = "file";
        file = dir.resolve("c" + i + ".properties");
        Properties p = new Properties();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          String k = random.nextInt(5) == 0 ? "not.ours.key" + n : key(random);
          String v = value(random);
          p.setProperty(k, v);
          fileEntries.put(k, v);
        }
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          p.store(out, null);
        }
      } else {
        kind = "broken file";
        file = dir.resolve("b" + i + ".properties");
        switch (random.nextInt(4)) {
          case 0 -> Files.writeString(file, "Retry/maxRetries=\\u12G4\n");
          case 1 -> Files.write(file, new byte[] {'R', 'e', 't', 'r', 'y', '/', 'm', 'a', 'x',
              'R', 'e', 't', 'r', 'i', 'e', 's', '=', (byte) 0xC3, (byte) 0x28});
          case 2 -> file = dir.resolve("missing" + i + ".properties");
          default -> file = Files.createDirectories(dir.resolve("dir" + i));
        }
      }
      String what = kind + " " + system + " " + env + " " + fileEntries + " " + file;
      Overrides read;
      try {
        read = Overrides.read(system, env, file);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        if (m == null || !m.startsWith("FFTT config: ") || !oneShortLine(m)) {
          wrong.add("not the one-line error: " + e + " <- " + what);
        }
        outcomes.merge(kind + ": error", 1, Integer::sum);
        continue;
      } catch (Throwable t) {
        wrong.add("threw " + t + " <- " + what);
        outcomes.merge(kind + ": other throwable", 1, Integer::sum);
        continue;
      }
      if (kind.equals("broken file")) {
        wrong.add("a broken file was read without an error <- " + what);
        continue;
      }
      // Read: every key of ours is there with the value given; every other file key warned about
      String all = String.join("\n", read.describeAll());
      Map<String, String> given = new TreeMap<>();
      system.stringPropertyNames().forEach(k -> given.put(k, system.getProperty(k)));
      given.putAll(fileEntries);
      for (Map.Entry<String, String> e : given.entrySet()) {
        Overrides.Key key = Overrides.parseKey(e.getKey(), "test");
        if (key != null) {
          String expected = normalized(key, e.getValue());
          if (!all.contains(key.text() + "=" + expected + " (")) {
            wrong.add("key " + e.getKey() + "=" + e.getValue() + " not kept as " + expected
                + ": " + all + " <- " + what);
          }
        } else if (fileEntries.containsKey(e.getKey()) && warnings.stream()
            .noneMatch(w -> w.contains("key '" + Overrides.shown(e.getKey()) + "' is not an FFTT key")
                && oneShortLine(w))) {
          wrong.add("file key " + e.getKey() + " ignored without a warning <- " + what);
        }
      }
      for (String name : env.keySet()) {
        assertThat(all).contains(name + "=");
      }
      outcomes.merge(kind + ": read" + (warnings.isEmpty() ? "" : " with a warning"), 1,
          Integer::sum);
    }
    System.out.println("FFTT hostile config: " + CASES + " cases: " + outcomes);
    assertThat(wrong).as("%s cases went wrong of %s", wrong.size(), CASES).isEmpty();
    assertThat(outcomes.keySet()).as("the generator reaches every outcome").contains(
        "system: error", "system: read", "file: error", "file: read with a warning",
        "environment: error", "environment: read", "broken file: error");
  }

  @Test
  void theFileIsReadOnceSoItsDisappearingAfterStartChangesNothing(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("fftt.properties"), "Retry/maxRetries=4\n");
    Overrides read = Overrides.read(new Properties(), Map.of(), file);

    Files.delete(file);

    MethodSettings applied = read.apply(MethodSettings.parse("Retry"), "com.acme.Client", "fetch")
        .settings();
    assertThat(applied.text(dev.fftt.annotations.Retry.class, "maxRetries")).isEqualTo("4");
    assertThat(read.describeAll()).containsExactly("Retry/maxRetries=4 (file " + file + ")");
  }

  /** One line (no line break or separator) of a readable length, whatever the input's length. */
  private static boolean oneShortLine(String m) {
    return m.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        && m.length() < 2_000;
  }

  /** A key: mostly shaped like ours, with any segment wrong. */
  private static String key(SplittableRandom r) {
    String annotation = ANNOTATIONS[r.nextInt(ANNOTATIONS.length)];
    Class<? extends Annotation> a = MethodSettings.annotationNamed(annotation.trim());
    List<String> attributes = new ArrayList<>(List.of("enabled", "nope", "", "value "));
    if (a != null) {
      attributes.addAll(MethodSettings.attributes(a));
      attributes.addAll(MethodSettings.attributes(a));
    }
    String attribute = attributes.get(r.nextInt(attributes.size()));
    String tail = annotation + "/" + attribute;
    switch (r.nextInt(6)) {
      case 0: return tail;
      case 1: return CLASSES[r.nextInt(CLASSES.length)] + "/" + tail;
      case 2: return CLASSES[r.nextInt(CLASSES.length)] + "/" + METHODS[r.nextInt(METHODS.length)]
          + "/" + tail;
      case 3: return "x/" + CLASSES[r.nextInt(CLASSES.length)] + "/"
          + METHODS[r.nextInt(METHODS.length)] + "/" + tail;
      case 4: return random(r, 1 + r.nextInt(40));
      default: return tail + (r.nextBoolean() ? "/" : "");
    }
  }

  private static String value(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0: return NUMBERS[r.nextInt(NUMBERS.length)];
      case 1: return WORDS[r.nextInt(WORDS.length)];
      case 2: return random(r, r.nextInt(20));
      default: return r.nextInt(20) == 0 ? "9".repeat(100_000) : Integer.toString(r.nextInt(200) - 50);
    }
  }

  private static String random(SplittableRandom r, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int c = r.nextInt(8) == 0 ? r.nextInt(0x3000) : 32 + r.nextInt(95);
      b.append((char) c);
    }
    return b.toString();
  }

  /** The value as the overrides should keep it: trimmed, and written the way Java writes it. */
  private static String normalized(Overrides.Key key, String raw) {
    String t = raw.trim();
    Class<?> type = key.attribute().equals("enabled") ? boolean.class
        : MethodSettings.attributeType(key.annotation(), key.attribute());
    if (type == boolean.class) {
      return t.toLowerCase(Locale.ROOT);
    } else if (type == int.class) {
      return Integer.toString(Integer.parseInt(t));
    } else if (type == long.class) {
      return Long.toString(Long.parseLong(t));
    } else if (type == double.class) {
      return Double.toString(Double.parseDouble(t));
    } else if (type == ChronoUnit.class) {
      return ChronoUnit.valueOf(t.toUpperCase(Locale.ROOT)).name();
    } else if (type == Class[].class) {
      return String.join(",", java.util.Arrays.stream(t.split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).toList());
    }
    return t;
  }
}
