package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Build-time weaving is the agent's weaving plus a mark: the same method code, a mark the agent
 * honours, nothing rewritten twice, and a clear refusal for a class it cannot weave.
 */
class BuildWeavingTest {

  /** A name outside FFTT's own packages (which are never woven), as GuardTransformerTest does. */
  private static final String ADVICE = "com/example/AdviceFixture";
  private static final String VERSION = "fftt-maven-plugin 9.9";

  @Test
  void itIsTheAgentsWeavingPlusTheMark() throws Exception {
    byte[] agent = Woven.weave(AdviceFixture.class.getName(), Woven.classFile(AdviceFixture.class),
        true, new Woven.RecordingListener());

    BuildWeaving.Result build = BuildWeaving.weave(ADVICE, Woven.classFile(AdviceFixture.class),
        VERSION);

    assertThat(build.outcome()).isEqualTo(BuildWeaving.Outcome.WOVEN);
    // retried, privateStatic, never, outer: each calls the bootstrap once, in both
    assertThat(build.methods()).isEqualTo(4).isEqualTo(bootstrapCalls(agent))
        .isEqualTo(bootstrapCalls(build.classFile()));
    assertThat(BuildWeaving.isMarked(build.classFile())).isTrue();
    assertThat(BuildWeaving.isMarked(agent)).isFalse();
    assertThat(markVersion(build.classFile())).isEqualTo(VERSION);
    // the same class file once the mark is taken out: one weaving, not two
    assertThat(Arrays.equals(withoutMark(build.classFile()), withoutMark(agent))).isTrue();
  }

  @Test
  void theAgentLeavesAMarkedClassAlone() {
    byte[] markedOnly = mark(Woven.classFile(AdviceFixture.class)); // annotated, not woven

    assertThat(GuardTransformer.isCandidate(ADVICE, Woven.classFile(AdviceFixture.class))).isTrue();
    assertThat(GuardTransformer.isCandidate(ADVICE, markedOnly)).isFalse();
  }

  @Test
  void aClassWovenBeforeIsNotRewritten() throws Exception {
    byte[] once = BuildWeaving.weave(ADVICE, Woven.classFile(AdviceFixture.class), VERSION)
        .classFile();
    byte[] byTheAgent = Woven.weave(AdviceFixture.class.getName(),
        Woven.classFile(AdviceFixture.class), true, new Woven.RecordingListener());

    BuildWeaving.Result again = BuildWeaving.weave(ADVICE, once, VERSION);
    BuildWeaving.Result afterAgent = BuildWeaving.weave(ADVICE, byTheAgent, VERSION);

    assertThat(again.outcome()).isEqualTo(BuildWeaving.Outcome.ALREADY_WOVEN);
    assertThat(again.classFile()).isNull();
    assertThat(afterAgent.outcome()).isEqualTo(BuildWeaving.Outcome.ALREADY_WOVEN);
  }

  @Test
  void aClassWithoutTheAnnotationsIsLeftAsItIs() throws Exception {
    BuildWeaving.Result plain = BuildWeaving.weave("com/example/PlainFixture",
        Woven.classFile(PlainFixture.class), VERSION);

    assertThat(plain.outcome()).isEqualTo(BuildWeaving.Outcome.NOT_ANNOTATED);
    assertThat(plain.classFile()).isNull();
  }

  @Test
  void annotationsThatAreIgnoredAreWarnings() throws Exception {
    BuildWeaving.Result result = BuildWeaving.weave(ADVICE, Woven.classFile(AdviceFixture.class),
        VERSION);

    assertThat(result.warnings()).anyMatch(w -> w.startsWith("the FFTT annotations on "
        + "com.example.AdviceFixture")
        && w.contains(".notAFuture are ignored: it returns java.lang.String"));
  }

  @Test
  void anAnnotatedClassItCannotWeaveIsRefusedWithTheReason() {
    byte[] java6 = Woven.classFile(AdviceFixture.class).clone();
    java6[6] = 0; // major version, big-endian, at bytes 6 and 7: 50 is Java 6
    java6[7] = 50;

    assertThatThrownBy(() -> BuildWeaving.weave(ADVICE, java6, VERSION))
        .isInstanceOf(BuildWeaving.UnweavableException.class)
        .hasMessage("cannot weave com.example.AdviceFixture: its class file version"
            + " 50 (Java 6) is older than Java 7, and woven code needs invokedynamic; recompile"
            + " it for Java 7 or later");
  }

  // ---- class files ----

  /** How many invokedynamic call sites name the woven-method bootstrap. */
  private static int bootstrapCalls(byte[] classFile) {
    int[] count = {0};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public net.bytebuddy.jar.asm.MethodVisitor visitMethod(int access, String name,
          String descriptor, String signature, String[] exceptions) {
        return new net.bytebuddy.jar.asm.MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String d, net.bytebuddy.jar.asm.Handle bsm,
              Object... args) {
            if (bsm.getOwner().equals(GuardPrefix.BOOTSTRAP_OWNER)) {
              count[0]++;
            }
          }
        };
      }
    }, 0);
    return count[0];
  }

  /** The class file read and written again by ASM, the build's mark left out. */
  private static byte[] withoutMark(byte[] classFile) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        return descriptor.equals(BuildWeaving.MARK) ? null
            : super.visitAnnotation(descriptor, visible);
      }
    }, 0);
    return writer.toByteArray();
  }

  private static byte[] mark(byte[] classFile) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visitEnd() {
        super.visitAnnotation(BuildWeaving.MARK, false).visitEnd();
        super.visitEnd();
      }
    }, 0);
    return writer.toByteArray();
  }

  private static String markVersion(byte[] classFile) {
    String[] version = {null};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        if (!descriptor.equals(BuildWeaving.MARK) || visible) {
          return null;
        }
        return new AnnotationVisitor(Opcodes.ASM9) {
          @Override
          public void visit(String name, Object value) {
            version[0] = name + "=" + value;
          }
        };
      }
    }, 0);
    return version[0] == null ? null : version[0].substring("version=".length());
  }
}
