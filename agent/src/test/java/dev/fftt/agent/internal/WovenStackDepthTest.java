package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The woven prefix's own operand stack: a refused call pushes the method, the admission (a long)
 * and, while it builds the capture array, the array twice, an index and a parameter, which for a
 * long or double is two slots: eight in all. A body that needs one slot (here
 * {@code aconst_null; areturn}) leaves the prefix's needs to decide the method's max stack, and
 * the JVM's verifier rejected such a class ("Operand stack overflow") while ASM's analyzer (which
 * counts a long as one entry) passed it. Found by {@link RealBytecodeWeavingTest} in
 * {@code java.net.http} ({@code request(long)} of a Flow.Subscription).
 */
class WovenStackDepthTest {

  @ParameterizedTest
  @ValueSource(strings = {"(J)", "(D)", "(IJ)", "(JD)", "(Ljava/lang/String;D)", "()", "(I)"})
  void aMethodWithASmallBodyLinksWhateverItsParameters(String parameters) {
    for (boolean isStatic : new boolean[] {true, false}) {
      String name = "fx.Small" + (isStatic ? "Static" : "Instance");
      byte[] woven = weave(name, parameters + "Ljava/util/concurrent/CompletableFuture;",
          isStatic);

      Throwable error = new DefiningLoader("test", getClass().getClassLoader(), Map.of(),
          Map.of(name, woven)).link(name);

      assertThat(error).as("linking %s%s", name, parameters).isNull();
      assertThat(WovenClassCheck.asmVerifier(woven, getClass().getClassLoader())).isEmpty();
    }
  }

  @Test
  void theLinkCheckFailsOnABadClass() {
    // The check itself can fail: a method returning an int where a reference is due
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "fx/Bad", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "bad", "()Ljava/lang/Object;", null,
        null);
    mv.visitCode();
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    byte[] bad = cw.toByteArray();

    assertThat(new DefiningLoader("bad", getClass().getClassLoader(), Map.of(),
        Map.of("fx.Bad", bad)).link("fx.Bad")).isInstanceOf(VerifyError.class);
    assertThat(WovenClassCheck.asmVerifier(bad, getClass().getClassLoader())).isNotEmpty();
  }

  /** A class with one method {@code run<descriptor>} whose body is {@code aconst_null; areturn}. */
  private static byte[] weave(String name, String descriptor, boolean isStatic) {
    String internal = name.replace('.', '/');
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internal, null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | (isStatic ? Opcodes.ACC_STATIC : 0),
        "run", descriptor, null, null);
    AllSeven.addAll(mv, name + ".run");
    mv.visitCode();
    mv.visitInsn(Opcodes.ACONST_NULL);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    Woven.RecordingListener listener = new Woven.RecordingListener();
    byte[] woven = Woven.weave(name, cw.toByteArray(), true, listener);
    assertThat(listener.events).containsExactly("woven " + name + " 1");
    return woven;
  }
}
