package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.classOutput;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import dev.fftt.runtime.internal.weave.ProcessorIndex.FallbackCandidate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fallback candidates the build resolves go into the index: every usable overload (nearest
 * class first, an overridden one once), by binary names and exact JVM descriptors.
 */
class FallbackIndexTest {

  private static final String FETCH = "(Ljava/lang/String;[ILgood/Resilient$Inner$Key;";
  private static final String CF = "Ljava/util/concurrent/CompletableFuture;";

  @Test
  void everyCandidateIsListedByDescriptor() throws IOException {
    Compilation compilation = compile(source("good/Resilient"), source("good/ResilientBase"));
    assertThat(compilation).succeededWithoutWarnings();
    String text = classOutput(compilation, ProcessorIndex.PATH).orElseThrow();
    ProcessorIndex.Contents index = ProcessorIndex.parse(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

    assertThat(index.classes()).containsExactly("good.Resilient", "good.Resilient$Inner");
    assertThat(index.fallbacks()).containsExactlyInAnyOrder(
        fetch("good.Resilient", FETCH + ")" + CF),
        fetch("good.Resilient", FETCH + "Ljava/io/IOException;)" + CF),
        fetch("good.Resilient", FETCH + "Ljava/lang/Throwable;)" + CF),
        fetch("good.ResilientBase", FETCH + "Ljava/lang/RuntimeException;)" + CF),
        new FallbackCandidate("good.Resilient", "all",
            "(J[D)Ljava/util/concurrent/CompletionStage;", "good.Resilient", "backup",
            "(J[D)" + CF),
        new FallbackCandidate("good.Resilient$Inner", "ping",
            "(Z)Ljava/util/concurrent/CompletionStage;", "good.Resilient$Inner", "spare",
            "(ZLjava/lang/Exception;)" + CF));
    // Neither the unrelated overload, nor the superclass's overridden or private ones.
    assertThat(text).doesNotContain("cached(J)", "good.ResilientBase cached(" + FETCH
        + "Ljava/io/IOException;)", "Ljava/lang/Error;");
    // The lines are sorted, after the class names.
    assertThat(text).startsWith("good.Resilient\ngood.Resilient$Inner\nfallback good.Resilient"
        + " all(J[D)");
  }

  private static FallbackCandidate fetch(String owner, String descriptor) {
    return new FallbackCandidate("good.Resilient", "fetch", FETCH + ")" + CF, owner, "cached",
        descriptor);
  }
}
