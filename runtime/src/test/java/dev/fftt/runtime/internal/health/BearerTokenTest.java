package dev.fftt.runtime.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

  private static Properties property(String value) {
    Properties p = new Properties();
    if (value != null) {
      p.setProperty("fftt.health.token", value);
    }
    return p;
  }

  @Test
  void theSystemPropertyBeatsTheEnvironmentWhichBeatsTheFile() {
    Map<String, String> env = Map.of("FFTT_HEALTH_TOKEN", "from-env");

    BearerToken fromProperty = BearerToken.resolve(property("from-property"), env, "from-file");
    BearerToken fromEnv = BearerToken.resolve(property(null), env, "from-file");
    BearerToken fromFile = BearerToken.resolve(property(null), Map.of(), "from-file");
    BearerToken blankSkipped = BearerToken.resolve(property("  "),
        Map.of("FFTT_HEALTH_TOKEN", ""), "from-file");

    assertThat(fromProperty.admits("Bearer from-property")).isTrue();
    assertThat(fromProperty.admits("Bearer from-env")).isFalse();
    assertThat(fromProperty.source()).isEqualTo("system property fftt.health.token");
    assertThat(fromEnv.admits("Bearer from-env")).isTrue();
    assertThat(fromEnv.source()).isEqualTo("environment FFTT_HEALTH_TOKEN");
    assertThat(fromFile.admits("Bearer from-file")).isTrue();
    assertThat(fromFile.source()).isEqualTo("the config file's health.token");
    assertThat(blankSkipped.admits("Bearer from-file")).isTrue();
  }

  @Test
  void noTokenAnywhereAdmitsEveryRequest() {
    BearerToken none = BearerToken.resolve(property(null), Map.of(), null);

    assertThat(none.required()).isFalse();
    assertThat(none.admits(null)).isTrue();
    assertThat(none.admits("Bearer anything")).isTrue();
    assertThat(BearerToken.of("   ", "x").required()).isFalse();
  }

  @Test
  void onlyTheExactTokenAfterTheBearerSchemeIsAdmitted() {
    BearerToken token = BearerToken.of("t0ken", "test");

    assertThat(token.admits("Bearer t0ken")).isTrue();
    assertThat(token.admits("BEARER t0ken")).isTrue();
    assertThat(token.admits("Bearer  t0ken ")).isTrue();
    assertThat(token.admits(null)).isFalse();
    assertThat(token.admits("")).isFalse();
    assertThat(token.admits("Bearer ")).isFalse();
    assertThat(token.admits("Bearer")).isFalse();
    assertThat(token.admits("t0ken")).isFalse();
    assertThat(token.admits("Basic t0ken")).isFalse();
    assertThat(token.admits("Bearer t0ke")).isFalse();
    assertThat(token.admits("Bearer t0ken2")).isFalse();
    assertThat(token.admits("Bearer T0KEN")).isFalse();
    assertThat(token.admits("Bearert0ken")).isFalse();
  }

  @Test
  void theTokenNeverShowsInText() {
    BearerToken token = BearerToken.of("do-not-print-me", "environment FFTT_HEALTH_TOKEN");

    assertThat(token.toString()).isEqualTo("token from environment FFTT_HEALTH_TOKEN")
        .doesNotContain("do-not-print-me");
  }
}
