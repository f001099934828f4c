package dev.fftt.runtime.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.internal.weave.ProcessorIndex.FallbackCandidate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The woven-classes index: where it lies, how it is written, and how it reads back. */
class ProcessorIndexTest {

  @Test
  void pathIsInTheClassOutputsMetaInf() {
    assertThat(ProcessorIndex.PATH).isEqualTo("META-INF/fftt/woven-classes.idx");
  }

  @Test
  void writesSortedNamesOnePerLineOnce() throws IOException {
    String text = write(List.of("com.acme.Shop$Inner", "a.B", "com.acme.Shop", "a.B"));
    assertThat(text).isEqualTo("a.B\ncom.acme.Shop\ncom.acme.Shop$Inner\n");
  }

  @Test
  void nothingToWriteIsAnEmptyIndex() throws IOException {
    assertThat(write(List.of())).isEmpty();
    assertThat(read("")).isEmpty();
  }

  @Test
  void whatIsWrittenReadsBack() throws IOException {
    Set<String> names = Set.of("Top", "p.q.R$S$T", "\u00e9t\u00e9.\u00c9t\u00e9$1Local");
    assertThat(read(write(names))).containsExactlyElementsOf(
        names.stream().sorted().toList());
  }

  @Test
  void readingIgnoresBlankLinesBlanksAroundNamesCommentsAndCarriageReturns() throws IOException {
    assertThat(read("# written by hand\n\n  b.B \r\na.A\r\n\n# a.Z\nc.C"))
        .containsExactly("a.A", "b.B", "c.C");
  }

  @Test
  void readLeavesTheStreamToTheCaller() throws IOException {
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream("a.A\n".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    assertThat(ProcessorIndex.read(in)).containsExactly("a.A");
    assertThat(closed[0]).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "# a.B", "a.B\nc.D", "a. B", " a.B"})
  void aNameThatWouldNotReadBackIsRefused(String bad) {
    assertThatThrownBy(() -> write(List.of("a.A", bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a binary class name")
        .hasMessageContaining("com.acme.Outer$Inner");
  }

  private static final FallbackCandidate CACHED = new FallbackCandidate(
      "a.B$C", "fetch", "(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;",
      "a.Base", "cached",
      "(I[Ljava/lang/String;Ljava/io/IOException;)Ljava/util/concurrent/CompletionStage;");
  private static final FallbackCandidate SPARE = new FallbackCandidate(
      "a.B$C", "fetch", "(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;",
      "a.B$C", "spare", "(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;");

  @Test
  void fallbackLinesFollowTheClassesSortedOnce() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProcessorIndex.write(List.of("a.B$C"), List.of(SPARE, CACHED, SPARE), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a.B$C\n"
        + "fallback a.B$C fetch(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;"
        + " a.B$C spare(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;\n"
        + "fallback a.B$C fetch(I[Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;"
        + " a.Base cached(I[Ljava/lang/String;Ljava/io/IOException;)"
        + "Ljava/util/concurrent/CompletionStage;\n");
  }

  @Test
  void fallbackLinesReadBackAsCandidatesNotAsClasses() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProcessorIndex.write(List.of("a.B$C", "x.Y"), List.of(CACHED, SPARE), out);
    ProcessorIndex.Contents contents = ProcessorIndex.parse(
        new ByteArrayInputStream(out.toByteArray()));
    assertThat(contents.classes()).containsExactly("a.B$C", "x.Y");
    assertThat(contents.fallbacks()).containsExactly(SPARE, CACHED);
    assertThat(ProcessorIndex.read(new ByteArrayInputStream(out.toByteArray())))
        .containsExactly("a.B$C", "x.Y");
  }

  @Test
  void aMalformedFallbackLineIsRefusedSayingWhatIsExpected() {
    assertThatThrownBy(() -> ProcessorIndex.parse(new ByteArrayInputStream(
        "a.B\nfallback a.B fetch()V\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fallback a.B fetch()V' is not a fallback line")
        .hasMessageContaining("rebuild with the fftt-processor of this version");
  }

  @Test
  void aCandidateThatWouldNotReadBackIsRefused() {
    FallbackCandidate blank = new FallbackCandidate(
        "a.B", "fetch", "()V", "a.B", "my cached", "()V");
    assertThatThrownBy(() -> ProcessorIndex.write(List.of("a.B"), List.of(blank),
        new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would not read back");
  }

  private static String write(Collection<String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProcessorIndex.write(names, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Set<String> read(String text) throws IOException {
    return ProcessorIndex.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
