package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.classOutput;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.resource;
import static dev.fftt.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import javax.annotation.processing.Generated;
import org.junit.jupiter.api.Test;

/** What the processor writes for the agent: policy classes and the index. */
class GeneratedOutputTest {

  private static final String INDEX = "META-INF/fftt/woven-classes.idx";

  @Test
  void policyClassesMatchTheGoldenFiles() {
    Compilation compilation = compile(source("good/Shop"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("good.Shop$$FfttPolicy")
        .contentsAsUtf8String().isEqualTo(resource("golden/Shop$$FfttPolicy.java"));
    assertThat(compilation).generatedSourceFile("good.Shop$Inner$$FfttPolicy")
        .contentsAsUtf8String().isEqualTo(resource("golden/Shop$Inner$$FfttPolicy.java"));
  }

  @Test
  void policyRowsCombineClassAndMethodLevelAnnotations() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile(source("good/Shop")));
    assertThat(classes.constant("good.Shop$$FfttPolicy", "FORMAT")).isEqualTo(1);
    String[][] rows = (String[][]) classes.constant("good.Shop$$FfttPolicy", "METHODS");
    assertThat(rows).hasNumberOfRows(3);
    // Class-level @AsyncMonitor (default name) and @WithTimeout only.
    assertThat(rows[0]).containsExactly(
        "method=order",
        "descriptor=(ILjava/lang/String;)Ljava/util/concurrent/CompletableFuture;",
        "monitor=Shop.order",
        "timeout.value=2", "timeout.unit=SECONDS", "timeout.cancel=true");
    // Method-level @AsyncMonitor overrides the class's; class-level timeout adds to @Retry.
    assertThat(rows[1]).containsExactly(
        "method=cancel",
        "descriptor=(JLgood/Shop$Inner;[[Ljava/lang/String;)"
            + "Ljava/util/concurrent/CompletionStage;",
        "monitor=shop_cancel",
        "timeout.value=2", "timeout.unit=SECONDS", "timeout.cancel=true",
        "retry.maxRetries=2", "retry.delay=100", "retry.delayUnit=MILLIS",
        "retry.multiplier=2.0", "retry.maxDelay=400", "retry.jitter=0.25",
        "retry.maxDuration=5", "retry.durationUnit=SECONDS",
        "retry.retryOn=java.io.IOException,good.Shop$Inner$Glitch",
        "retry.abortOn=java.lang.IllegalStateException");
    // Method-level @WithTimeout overrides the class's; private static is woven too.
    assertThat(rows[2]).containsExactly(
        "method=list",
        "descriptor=(Ljava/util/Map;[D)Ljava/util/concurrent/CompletableFuture;",
        "monitor=Shop.list",
        "timeout.value=250", "timeout.unit=MILLIS", "timeout.cancel=false",
        "loop=true", "loop.runOn=processing");
  }

  @Test
  void nestedClassGetsItsOwnPolicyWithItsOwnSimpleName() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile(source("good/Shop")));
    String[][] rows = (String[][]) classes.constant("good.Shop$Inner$$FfttPolicy", "METHODS");
    assertThat(rows).hasNumberOfRows(1);
    assertThat(rows[0]).containsExactly(
        "method=ping",
        "descriptor=(ZCBSF)Ljava/util/concurrent/CompletableFuture;",
        "monitor=Inner.ping",
        "loop=true");
  }

  @Test
  void retryRowsCarryEveryDefault() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(compile(source("good/ClassLevelAnnotations")));
    String[][] rows =
        (String[][]) classes.constant("good.ClassLevelAnnotations$$FfttPolicy", "METHODS");
    assertThat(Arrays.stream(rows).map(r -> r[0]))
        .containsExactly("method=find", "method=size", "method=helper");
    assertThat(rows[0]).containsExactly(
        "method=find",
        "descriptor=(Ljava/lang/String;)Ljava/util/concurrent/CompletableFuture;",
        "monitor=catalog",
        "timeout.value=3", "timeout.unit=SECONDS", "timeout.cancel=true",
        "retry.maxRetries=1", "retry.delay=0", "retry.delayUnit=MILLIS",
        "retry.multiplier=1.0", "retry.maxDelay=0", "retry.jitter=0.0",
        "retry.maxDuration=0", "retry.durationUnit=MILLIS",
        "retry.retryOn=java.lang.Exception", "retry.abortOn=",
        "loop=true");
  }

  @Test
  void policyClassShape() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile(source("good/Shop")));
    Class<?> policy = classes.loadClass("good.Shop$$FfttPolicy");
    assertThat(Modifier.isPublic(policy.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(policy.getModifiers())).isTrue();
    Constructor<?>[] constructors = policy.getDeclaredConstructors();
    assertThat(constructors).hasSize(1);
    assertThat(Modifier.isPrivate(constructors[0].getModifiers())).isTrue();
    assertThat(policy.getField("METHODS").getModifiers())
        .isEqualTo(Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL);
    assertThat(Generated.class.getSimpleName()).isEqualTo("Generated"); // source-retained
  }

  @Test
  void indexListsExactlyTheClassesWithWovenMethods() {
    Compilation compilation = compile(source("good/Shop"), source("good/Plain"),
        source("good/CompletionStageSubtypes"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(classOutput(compilation, INDEX)).hasValue(
        "good.CompletionStageSubtypes\n"
            + "good.Shop\n"
            + "good.Shop$Inner\n");
  }

  @Test
  void classLevelAnnotationThatReachesNothingIsNotIndexed() {
    Compilation compilation = compile(source("good/Shop"), source("bad/ClassLevelNoFutureMethod"));
    assertThat(compilation).succeeded();
    assertThat(classOutput(compilation, INDEX)).hasValue("good.Shop\ngood.Shop$Inner\n");
  }

  @Test
  void nothingIsIndexedWithoutAnnotations() {
    Compilation compilation = compile(source("good/Plain"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(classOutput(compilation, INDEX)).isEmpty();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  @Test
  void warningsDoNotStopGeneration() {
    Compilation compilation = compile(source("bad/RetryShorterThanTimeout"));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("bad.RetryShorterThanTimeout$$FfttPolicy");
    assertThat(classOutput(compilation, INDEX)).hasValue("bad.RetryShorterThanTimeout\n");
  }
}
