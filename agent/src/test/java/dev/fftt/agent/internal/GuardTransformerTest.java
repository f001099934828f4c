package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GuardTransformerTest {

  @Test
  void anAnnotatedClassIsACandidate() {
    assertThat(GuardTransformer.isCandidate("com/example/AdviceFixture",
        Woven.classFile(AdviceFixture.class))).isTrue();
  }

  @Test
  void aClassWithoutTheAnnotationsIsNot() {
    assertThat(GuardTransformer.isCandidate("com/example/PlainFixture",
        Woven.classFile(PlainFixture.class))).isFalse();
  }

  @Test
  void aWovenClassIsNotWovenAgain() {
    byte[] woven = Woven.weave(AdviceFixture.class.getName(), Woven.classFile(AdviceFixture.class),
        true, new Woven.RecordingListener());

    assertThat(woven).isNotNull();
    assertThat(GuardTransformer.isCandidate("com/example/AdviceFixture", woven)).isFalse();
  }

  @Test
  void fftsOwnClassesAreNeverCandidates() {
    byte[] annotated = Woven.classFile(AdviceFixture.class);

    assertThat(GuardTransformer.isCandidate("dev/fftt/runtime/internal/X", annotated)).isFalse();
    assertThat(GuardTransformer.isCandidate("dev/fftt/agent/shaded/bytebuddy/X", annotated)).isFalse();
    assertThat(GuardTransformer.isCandidate("dev/fftt/agent/internal/X", annotated)).isFalse();
    assertThat(GuardTransformer.isCandidate("dev/fftt/agent/it/app/X", annotated)).isTrue();
  }

  @Test
  void indexOfFindsAPatternAnywhere() {
    byte[] data = "xxLdev/fftt/annotations/Retry;".getBytes(StandardCharsets.UTF_8);
    byte[] pattern = "Ldev/fftt/annotations/".getBytes(StandardCharsets.UTF_8);

    assertThat(GuardTransformer.indexOf(data, pattern)).isEqualTo(2);
    assertThat(GuardTransformer.indexOf(pattern, pattern)).isZero();
    assertThat(GuardTransformer.indexOf("Ldev/fftt/annotations".getBytes(StandardCharsets.UTF_8),
        pattern)).isEqualTo(-1);
    assertThat(GuardTransformer.indexOf(new byte[0], pattern)).isEqualTo(-1);
  }
}
