package dev.fftt.agent.internal;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What the weaver needs to know about a class file, read without its method bodies: version,
 * access, the runtime-visible annotations of the class and of each method.
 *
 * <p>Internal; not API, may change without notice.
 */
final class ClassScan extends ClassVisitor {

  /** One method's header and annotation descriptors. */
  static final class MethodInfo {
    final int access;
    final String name;
    final String descriptor;
    final List<String> annotations = new ArrayList<>(2);

    MethodInfo(int access, String name, String descriptor) {
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
    }

    boolean is(int flag) {
      return (access & flag) != 0;
    }
  }

  int majorVersion;
  int access;
  String internalName;
  final List<String> annotations = new ArrayList<>(2);
  final List<MethodInfo> methods = new ArrayList<>();

  private ClassScan() {
    super(Opcodes.ASM9);
  }

  /** Reads the class file's headers and annotations (bodies, debug data and frames skipped). */
  static ClassScan of(byte[] classFile) {
    ClassScan scan = new ClassScan();
    new ClassReader(classFile).accept(scan,
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return scan;
  }

  boolean isInterface() {
    return (access & Opcodes.ACC_INTERFACE) != 0;
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName,
      String[] interfaces) {
    this.majorVersion = version & 0xFFFF;
    this.access = access;
    this.internalName = name;
  }

  @Override
  public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
    if (visible) {
      annotations.add(descriptor);
    }
    return null;
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    MethodInfo method = new MethodInfo(access, name, descriptor);
    methods.add(method);
    return new MethodVisitor(Opcodes.ASM9) {
      @Override
      public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
        if (visible) {
          method.annotations.add(annotation);
        }
        return null;
      }
    };
  }
}
