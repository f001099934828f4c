package dev.fftt.runtime.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, sources, precedence and merging of configuration overrides, without a JVM of their own. */
class OverridesTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static final MethodSettings CODE = MethodSettings.parse("Retry", "Retry/maxRetries=1",
      "WithTimeout", "WithTimeout/value=5");

  @Test
  void theFilesHealthTokenIsKeptButNeverShown(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("fftt.properties"),
        "health.token=file-secret\nRetry/maxRetries=4\n");

    Overrides overrides = Overrides.read(new Properties(), Map.of(), file);

    assertThat(overrides.healthToken()).isEqualTo("file-secret");
    assertThat(overrides.describeAll()).containsExactly("Retry/maxRetries=4 (file " + file + ")");
    assertThat(overrides.toString()).doesNotContain("file-secret");
    assertThat(Overrides.read(new Properties(), Map.of(), null).healthToken()).isNull();
    assertThat(Overrides.none().healthToken()).isNull();
  }

  @Test
  void keysAreOursOnlyWhenTheSecondToLastPartNamesAnAnnotation() {
    assertThat(Overrides.parseKey("java.home", "s")).isNull();
    assertThat(Overrides.parseKey("a/b/c", "s")).isNull();
    assertThat(Overrides.parseKey("com.acme.C/m/Retry/delay", "s"))
        .isEqualTo(new Overrides.Key("com.acme.C", "m", Retry.class, "delay"));
    assertThat(Overrides.parseKey("com.acme.C/Retry/delay", "s").method()).isNull();
    assertThatThrownBy(() -> Overrides.parseKey("x/y/z/Retry/delay", "s"))
        .hasMessageContaining("too many parts");
    assertThatThrownBy(() -> Overrides.parseKey("m(/Retry/delay", "s"))
        .hasMessageContaining("is not a fully qualified class name");
    assertThatThrownBy(() -> Overrides.parseKey("AsyncMonitor/value", "s"))
        .hasMessageContaining("cannot be overridden");
  }

  @Test
  void theEnvironmentNameIsTheKeyUpperCasedWithEveryOtherCharacterAnUnderscore() {
    assertThat(new Overrides.Key(null, null, Retry.class, "maxRetries").envName())
        .isEqualTo("FFTT_RETRY_MAXRETRIES");
    assertThat(new Overrides.Key("com.acme.Outer$Inner", "get", Retry.class, "delay").envName())
        .isEqualTo("FFTT_COM_ACME_OUTER_INNER_GET_RETRY_DELAY");
  }

  @Test
  void aMoreSpecificKeyWinsWhateverItsSourceAndForOneKeyTheSourceOrderDecides() {
    Overrides o = Overrides.read(props("Retry/maxRetries", "9"),
        Map.of("FFTT_COM_ACME_C_RETRY_MAXRETRIES", "2", "FFTT_COM_ACME_C_M_RETRY_MAXRETRIES", "7"),
        null);
    Overrides.Applied m = o.apply(CODE, "com.acme.C", "m");
    assertThat(m.settings().intValue(Retry.class, "maxRetries")).isEqualTo(7);
    assertThat(m.sources().get("Retry/maxRetries").source())
        .isEqualTo("environment FFTT_COM_ACME_C_M_RETRY_MAXRETRIES");
    assertThat(o.apply(CODE, "com.acme.C", "other").settings().intValue(Retry.class, "maxRetries"))
        .isEqualTo(2);
    assertThat(o.apply(CODE, "com.acme.D", "m").settings().intValue(Retry.class, "maxRetries"))
        .isEqualTo(9);
    assertThat(o.apply(CODE, "com.acme.D", "m").sources().get("WithTimeout/value"))
        .extracting(s -> s.value() + " " + s.source()).isEqualTo("5 annotation");

    Overrides sameKey = Overrides.read(props("com.acme.C/m/Retry/maxRetries", "6"),
        Map.of("FFTT_COM_ACME_C_M_RETRY_MAXRETRIES", "7"), null);
    assertThat(sameKey.apply(CODE, "com.acme.C", "m").settings().intValue(Retry.class, "maxRetries"))
        .isEqualTo(6);
  }

  @Test
  void overridesNeverAddAnAnnotationAndEnabledFalseRemovesOne() {
    Overrides o = Overrides.read(props("Bulkhead/value", "3", "WithTimeout/enabled", "false"),
        Map.of(), null);
    Overrides.Applied a = o.apply(CODE, "com.acme.C", "m");
    assertThat(a.settings().has(dev.fftt.annotations.Bulkhead.class)).isFalse();
    assertThat(a.settings().has(WithTimeout.class)).isFalse();
    assertThat(a.settings().has(Retry.class)).isTrue();
    assertThat(a.sources().get("WithTimeout/enabled").value()).isEqualTo("false");
  }

  @Test
  void valuesAreCheckedAgainstTheirTypeAndTheBuildRules() {
    assertThatThrownBy(() -> Overrides.read(props("Retry/delayUnit", "FORTNIGHTS"), Map.of(), null))
        .hasMessage("FFTT config: system property Retry/delayUnit: Retry/delayUnit=FORTNIGHTS is"
            + " not a ChronoUnit name (e.g. MILLIS, SECONDS, MINUTES)");
    assertThatThrownBy(() -> Overrides.read(props("Retry/delay", "100", "Retry/maxDelay", "50"),
        Map.of(), null))
        .hasMessageContaining("Retry/maxDelay=50 must be 0 (no cap) or at least Retry/delay=100");
    assertThatThrownBy(() -> Overrides.read(props("CircuitBreaker/failureRatio", "1.5"), Map.of(),
        null)).hasMessageContaining("CircuitBreaker/failureRatio=1.5 must be within 0..1");
  }
}
