package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.util.Json;
import dev.fftt.runtime.reliability.testing.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Regression: a name holding an unpaired UTF-16 surrogate (a truncated emoji, say) was written
 * raw into the health report JSON. Such a string cannot be encoded as UTF-8: sent over HTTP it
 * turned into '?', so the name no longer matched, and strict parsers reject it. It is now written
 * as a {@code \\uXXXX} escape; proper pairs stay as they are.
 */
class LoneSurrogateInANameBreaksNoJsonTest {

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    assertThat(Json.string("a\uD800b")).isEqualTo("\"a\\ud800b\"");
    assertThat(Json.string("x\uDC00")).isEqualTo("\"x\\udc00\"");
    assertThat(Json.string("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
    assertThat(Json.string("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNameWithALoneSurrogateSurvivesUtf8AndAStrictParser() {
    String name = "rel.surrogate.\uD83D"; // the first half of 😀
    Guard.call(GuardPolicy.builder(name).monitor(name).build(),
        () -> CompletableFuture.completedFuture("ok"));

    byte[] sent = Diagnostics.healthReport().toJson().getBytes(StandardCharsets.UTF_8);
    Map<String, Object> report = (Map<String, Object>) StrictJson.parse(
        new String(sent, StandardCharsets.UTF_8));

    List<Map<String, Object>> operations = (List<Map<String, Object>>) report.get("operations");
    assertThat(operations).extracting(o -> o.get("name")).contains(name);
  }
}
