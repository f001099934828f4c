package dev.fftt.agent.internal;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Puts all seven FFTT annotations, with values set on each, on every method of a class file that
 * returns {@code CompletableFuture} or {@code CompletionStage} (as javac would: bridges too,
 * synthetic methods never), so the weaver treats a library class as if its author had annotated
 * it. Uses ASM itself (the weaver uses Byte Buddy's copy), so the two never share a bug.
 */
final class AllSeven {

  static final String FALLBACK = "ffttFallback";
  private static final String CF = ")Ljava/util/concurrent/CompletableFuture;";
  private static final String CS = ")Ljava/util/concurrent/CompletionStage;";
  private static final String UNIT = "Ljava/time/temporal/ChronoUnit;";

  private AllSeven() {}

  /** One method that was annotated. */
  record Method(String name, String descriptor, int access) {
    boolean concrete() {
      return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    }

    boolean bridge() {
      return (access & Opcodes.ACC_BRIDGE) != 0;
    }

    /** Whether the weaver is expected to weave it. */
    boolean wovenExpected() {
      return concrete() && !bridge();
    }

    String key() {
      return name + descriptor;
    }
  }

  /** The annotated class file and the methods annotated (empty: none returns a future). */
  record Result(byte[] classFile, List<Method> methods) {}

  static boolean returnsFuture(String descriptor) {
    return descriptor.endsWith(CF) || descriptor.endsWith(CS);
  }

  static Result annotate(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    List<Method> methods = new ArrayList<>();
    String[] owner = new String[1];
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        owner[0] = name;
        super.visit(version, access, name, signature, superName, interfaces);
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        boolean bridge = (access & Opcodes.ACC_BRIDGE) != 0;
        boolean synthetic = (access & Opcodes.ACC_SYNTHETIC) != 0;
        if (!returnsFuture(descriptor) || synthetic && !bridge) {
          return mv;
        }
        methods.add(new Method(name, descriptor, access));
        addAll(mv, owner[0].replace('/', '.') + "." + name);
        // Not the writer itself: given the writer, the reader would copy the method's original
        // attributes as they are, dropping the annotations just added.
        return new MethodVisitor(Opcodes.ASM9, mv) {};
      }
    }, 0);
    return new Result(methods.isEmpty() ? classFile : writer.toByteArray(), methods);
  }

  /** The seven annotations, each with values of every kind the class file format has. */
  static void addAll(MethodVisitor mv, String monitorName) {
    AnnotationVisitor a = mv.visitAnnotation("Ldev/fftt/annotations/WithTimeout;", true);
    a.visit("value", 5L);
    a.visitEnum("unit", UNIT, "SECONDS");
    a.visit("cancel", Boolean.TRUE);
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/Retry;", true);
    a.visit("maxRetries", 2);
    a.visit("delay", 1L);
    a.visitEnum("delayUnit", UNIT, "MILLIS");
    a.visit("multiplier", 2.0);
    a.visit("maxDelay", 10L);
    classes(a, "retryOn", "java/io/IOException", "java/util/concurrent/TimeoutException");
    classes(a, "abortOn", "java/lang/IllegalArgumentException");
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/CircuitBreaker;", true);
    a.visit("requestVolumeThreshold", 10);
    a.visit("failureRatio", 0.75);
    a.visit("delay", 2L);
    a.visitEnum("delayUnit", UNIT, "SECONDS");
    a.visit("successThreshold", 2);
    classes(a, "failOn", "java/io/IOException");
    classes(a, "skipOn");
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/Bulkhead;", true);
    a.visit("value", 4);
    a.visit("waitingTaskQueue", 8);
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/Fallback;", true);
    a.visit("fallbackMethod", FALLBACK);
    classes(a, "applyOn", "java/lang/Exception");
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/AsyncMonitor;", true);
    a.visit("value", monitorName);
    a.visitEnd();

    a = mv.visitAnnotation("Ldev/fftt/annotations/LoopCompatible;", true);
    a.visitEnd();
  }

  private static void classes(AnnotationVisitor a, String name, String... internalNames) {
    AnnotationVisitor array = a.visitArray(name);
    for (String n : internalNames) {
      array.visit(null, Type.getObjectType(n));
    }
    array.visitEnd();
  }
}
