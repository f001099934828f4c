package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.MethodSettings;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What the weaver needs to know about a class file, read without its method bodies: version,
 * access, the runtime-visible annotations of the class and of each method, and the values set on
 * the FFTT ones ({@link MethodSettings#ANNOTATIONS}), formatted as {@link MethodSettings#format}
 * formats them.
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
    /** The FFTT annotations on the method: descriptor to the values set (attribute to text). */
    final Map<String, Map<String, String>> values = new HashMap<>(4);

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
  /** The FFTT annotations on the class: descriptor to the values set (attribute to text). */
  final Map<String, Map<String, String>> values = new HashMap<>(4);
  final List<MethodInfo> methods = new ArrayList<>();

  /** Descriptor to annotation type, for the FFTT annotations. */
  static final Map<String, Class<? extends Annotation>> FFTT = new HashMap<>();

  static {
    for (Class<? extends Annotation> a : MethodSettings.ANNOTATIONS) {
      FFTT.put(Type.getDescriptor(a), a);
    }
  }

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
    return visible ? values(values, descriptor) : null;
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
        return visible ? values(method.values, annotation) : null;
      }
    };
  }

  /** A visitor that records an FFTT annotation's values into {@code into}; null for others. */
  private static AnnotationVisitor values(Map<String, Map<String, String>> into, String descriptor) {
    if (!FFTT.containsKey(descriptor)) {
      return null;
    }
    Map<String, String> set = new LinkedHashMap<>();
    into.put(descriptor, set);
    return new AnnotationVisitor(Opcodes.ASM9) {
      @Override
      public void visit(String name, Object value) {
        set.put(name, text(value));
      }

      @Override
      public void visitEnum(String name, String enumDescriptor, String value) {
        set.put(name, value);
      }

      @Override
      public AnnotationVisitor visitArray(String name) {
        StringBuilder joined = new StringBuilder();
        set.put(name, "");
        return new AnnotationVisitor(Opcodes.ASM9) {
          @Override
          public void visit(String ignored, Object value) {
            joined.append(joined.length() == 0 ? "" : ",").append(text(value));
            set.put(name, joined.toString());
          }

          @Override
          public void visitEnum(String ignored, String enumDescriptor, String value) {
            visit(null, value);
          }
        };
      }
    };
  }

  /** A value as {@link MethodSettings#format} writes the same value read reflectively. */
  private static String text(Object value) {
    return value instanceof Type ? ((Type) value).getClassName() : String.valueOf(value);
  }
}
