package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.MethodSettings;
import dev.fftt.runtime.internal.weave.WovenBootstrap;
import dev.fftt.runtime.internal.weave.WovenMethod;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * The code the agent weaves into each woven method. In Java terms:
 *
 * <pre>{@code
 * WovenMethod m = <WovenMethod constant for this method>;   // invokedynamic, bound once
 * Object capture = null;
 * long start = 0;
 * long admission = 0;
 * switch (m.entry()) {
 *   case DEFER:   return (ReturnType) m.defer(<receiver and arguments>);
 *   case CAPTURE: capture = <receiver and arguments>;        // then as GUARD
 *   case GUARD:   start = m.begin(); break;
 *   case GATE:    start = m.begin(); admission = m.admit();
 *                 if (WovenMethod.admitted(admission)) break;
 *                 return (ReturnType) m.refused(admission, <receiver and arguments>, start);
 *   case GATE_CAPTURE:                                       // as GATE, capturing once admitted
 *                 ...; capture = <receiver and arguments>; break;
 *   default:      m = null;                                  // PLAIN: run the body as written
 * }
 * try {
 *   ... the original body, each "return stage;" becoming
 *       return (ReturnType) WovenMethod.exit(stage, m, capture, start, admission);
 * } catch (Throwable t) {                                    // registered after the body's own handlers
 *   return (ReturnType) WovenMethod.thrown(t, m, capture, start, admission); // rethrows t when m is null
 * }
 * }</pre>
 *
 * So the first attempt's body runs where the caller called it, and its future goes to the guard
 * the way {@code Guard.call}'s does; the receiver and arguments are boxed only for methods that
 * retry, fall back or run on a loop, or when a bulkhead makes the call wait ({@link WovenMethod}
 * explains the modes and the capture). The four new locals sit right after the parameters; the
 * body's own locals move up by {@link #SHIFT} slots, and every stack map frame of the body gains
 * the four (the body never writes them). The
 * exits call static methods so that they need no branch, hence no frame; the ranges of the
 * catch-all leave the exits out, so a throw from an exit is never handled twice.
 *
 * <p>The {@code WovenMethod} constant is an {@code invokedynamic} named after the method, whose
 * bootstrap receives the woven class's own lookup, the method's annotation values (its
 * {@code MethodSettings} entries, read from the class file, so the runtime needs no reflection)
 * and the method's descriptor and staticness, from which the runtime finds a direct handle to this
 * very method when a retry or runOn attempt needs one (invoke-special for instance methods, so an
 * attempt runs exactly this body even when a subclass overrides it; invoke-static for static
 * ones). Nothing else changes: no member is added and no other code is
 * touched, so loaded classes can be retransformed.
 *
 * <p>Needs the frames to be visited expanded ({@code ClassReader.EXPAND_FRAMES}), a class file of
 * Java 7 or later, and a {@code MethodWriter} as the target (the catch-all is registered at the
 * end, after the labels it covers were visited). A method whose frames put a two-slot value
 * across the parameters' end cannot be woven ({@link Weaver.UnweavableClassException}).
 *
 * <p>Internal; not API, may change without notice.
 */
final class GuardPrefix extends MethodVisitor {

  static final String WOVEN_METHOD = Type.getInternalName(WovenMethod.class);
  static final String BOOTSTRAP_OWNER = Type.getInternalName(WovenBootstrap.class);
  private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, BOOTSTRAP_OWNER,
      WovenBootstrap.BOOTSTRAP, MethodType.methodType(CallSite.class, MethodHandles.Lookup.class,
          String.class, MethodType.class, String.class, int.class, String.class)
          .toMethodDescriptorString(), false);
  private static final String SITE_DESCRIPTOR = "()L" + WOVEN_METHOD + ";";
  private static final String ENTRY_DESCRIPTOR = "()I";
  private static final String BEGIN_DESCRIPTOR = "()J";
  private static final String DEFER_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
  private static final String ADMIT_DESCRIPTOR = "()J";
  private static final String ADMITTED_DESCRIPTOR = "(J)Z";
  private static final String REFUSED_DESCRIPTOR = "(JLjava/lang/Object;J)Ljava/lang/Object;";
  private static final String EXIT_DESCRIPTOR =
      "(Ljava/lang/Object;L" + WOVEN_METHOD + ";Ljava/lang/Object;JJ)Ljava/lang/Object;";
  private static final String THROWN_DESCRIPTOR =
      "(Ljava/lang/Throwable;L" + WOVEN_METHOD + ";Ljava/lang/Object;JJ)Ljava/lang/Object;";
  /**
   * Slots of the new locals: the WovenMethod (1), the start (a long, 2), the capture (1), the
   * admission (a long, 2).
   */
  static final int SHIFT = 6;
  /**
   * Stack the woven code needs on its own: a refused call's arguments are the most, the method
   * (1) and the admission (2) under the capture array being filled (array, its copy, the index)
   * and a long or double parameter (2).
   */
  private static final int OWN_STACK = 8;
  /** What an exit pushes above the body's stack: method, capture, start and admission (longs). */
  private static final int EXIT_STACK = 6;

  private final String owner;
  private final boolean isStatic;
  private final String name;
  private final String descriptor;
  private final String returnType;
  private final Type[] parameters;
  /** The bootstrap's arguments after the handle: the method's {@code MethodSettings} entries. */
  private final String[] settings;
  /** The first slot after the parameters: where the new locals go. */
  private final int firstLocal;
  private final int methodLocal;
  private final int startLocal;
  private final int captureLocal;
  private final int admissionLocal;
  /** Ranges of the body the catch-all covers, as start/end label pairs. */
  private final List<Label> ranges = new ArrayList<>();
  private Label rangeStart;

  GuardPrefix(MethodVisitor target, String owner, int access, String name, String descriptor,
      String[] settings) {
    super(Opcodes.ASM9, target);
    this.owner = owner;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.name = name;
    this.descriptor = descriptor;
    this.returnType = Type.getReturnType(descriptor).getInternalName();
    this.parameters = Type.getArgumentTypes(descriptor);
    this.settings = settings;
    int slots = isStatic ? 0 : 1;
    for (Type t : parameters) {
      slots += t.getSize();
    }
    this.firstLocal = slots;
    this.methodLocal = slots;
    this.startLocal = slots + 1;
    this.captureLocal = slots + 3;
    this.admissionLocal = slots + 4;
  }

  // ---- the prefix ----

  @Override
  public void visitCode() {
    super.visitCode();
    Label defer = new Label();
    Label capture = new Label();
    Label guard = new Label();
    Label plain = new Label();
    Label gate = new Label();
    Label gateCapture = new Label();
    Label refused = new Label();
    Label body = new Label();
    Object[] locals = entryLocals();

    super.visitInvokeDynamicInsn(name, SITE_DESCRIPTOR, BOOTSTRAP, descriptor, isStatic ? 1 : 0,
        MethodSettings.join(settings));
    super.visitVarInsn(Opcodes.ASTORE, methodLocal);
    super.visitInsn(Opcodes.ACONST_NULL);
    super.visitVarInsn(Opcodes.ASTORE, captureLocal);
    super.visitInsn(Opcodes.LCONST_0);
    super.visitVarInsn(Opcodes.LSTORE, startLocal);
    super.visitInsn(Opcodes.LCONST_0);
    super.visitVarInsn(Opcodes.LSTORE, admissionLocal);
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.ENTRY, ENTRY_DESCRIPTOR,
        false);
    Label[] cases = new Label[6];
    cases[WovenMethod.PLAIN] = plain;
    cases[WovenMethod.GUARD] = guard;
    cases[WovenMethod.CAPTURE] = capture;
    cases[WovenMethod.DEFER] = defer;
    cases[WovenMethod.GATE] = gate;
    cases[WovenMethod.GATE_CAPTURE] = gateCapture;
    super.visitTableSwitchInsn(0, cases.length - 1, plain, cases);

    frame(defer, locals);
    pushCapture();
    super.visitVarInsn(Opcodes.ASTORE, captureLocal);
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitVarInsn(Opcodes.ALOAD, captureLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.DEFER_CALL,
        DEFER_DESCRIPTOR, false);
    super.visitTypeInsn(Opcodes.CHECKCAST, returnType);
    super.visitInsn(Opcodes.ARETURN);

    frame(capture, locals);
    pushCapture();
    super.visitVarInsn(Opcodes.ASTORE, captureLocal);
    frame(guard, locals); // CAPTURE falls through to here
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.BEGIN,
        BEGIN_DESCRIPTOR, false);
    super.visitVarInsn(Opcodes.LSTORE, startLocal);
    super.visitJumpInsn(Opcodes.GOTO, body);

    frame(gateCapture, locals);
    beginAndAdmit();
    super.visitJumpInsn(Opcodes.IFEQ, refused);
    pushCapture();
    super.visitVarInsn(Opcodes.ASTORE, captureLocal);
    super.visitJumpInsn(Opcodes.GOTO, body);

    frame(gate, locals);
    beginAndAdmit();
    super.visitJumpInsn(Opcodes.IFNE, body);
    frame(refused, locals); // GATE falls through to here when not admitted
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitVarInsn(Opcodes.LLOAD, admissionLocal);
    pushCapture();
    super.visitVarInsn(Opcodes.LLOAD, startLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.REFUSED,
        REFUSED_DESCRIPTOR, false);
    super.visitTypeInsn(Opcodes.CHECKCAST, returnType);
    super.visitInsn(Opcodes.ARETURN);

    frame(plain, locals);
    super.visitInsn(Opcodes.ACONST_NULL);
    super.visitVarInsn(Opcodes.ASTORE, methodLocal);
    frame(body, locals);
    // One instruction before the body: its own first frame, if any, needs an offset of its own.
    super.visitInsn(Opcodes.NOP);
    openRange();
    // ... the original code follows, with an empty stack and its locals moved up by SHIFT.
  }

  // ---- the exits ----

  @Override
  public void visitInsn(int opcode) {
    if (opcode != Opcodes.ARETURN) {
      super.visitInsn(opcode);
      return;
    }
    closeRange();
    loadOwnLocals();
    super.visitMethodInsn(Opcodes.INVOKESTATIC, WOVEN_METHOD, WovenMethod.EXIT, EXIT_DESCRIPTOR,
        false);
    super.visitTypeInsn(Opcodes.CHECKCAST, returnType);
    super.visitInsn(Opcodes.ARETURN);
    openRange();
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    closeRange();
    Label handler = new Label();
    super.visitLabel(handler);
    Object[] locals = new Object[firstLocal + 4];
    Arrays.fill(locals, 0, firstLocal, Opcodes.TOP); // the body may have reused its parameters
    locals[firstLocal] = WOVEN_METHOD;
    locals[firstLocal + 1] = Opcodes.LONG;
    locals[firstLocal + 2] = "java/lang/Object";
    locals[firstLocal + 3] = Opcodes.LONG;
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
    loadOwnLocals();
    super.visitMethodInsn(Opcodes.INVOKESTATIC, WOVEN_METHOD, WovenMethod.THROWN,
        THROWN_DESCRIPTOR, false);
    super.visitTypeInsn(Opcodes.CHECKCAST, returnType);
    super.visitInsn(Opcodes.ARETURN);
    // Registered last, so every handler of the body itself comes first in the exception table.
    for (int i = 0; i < ranges.size(); i += 2) {
      Label start = ranges.get(i);
      Label end = ranges.get(i + 1);
      if (start.getOffset() < end.getOffset()) {
        super.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
      }
    }
    super.visitMaxs(Math.max(maxStack + EXIT_STACK, OWN_STACK), maxLocals + SHIFT);
  }

  // ---- the body's locals, moved up past the new ones ----

  @Override
  public void visitVarInsn(int opcode, int var) {
    super.visitVarInsn(opcode, shifted(var));
  }

  @Override
  public void visitIincInsn(int var, int increment) {
    super.visitIincInsn(shifted(var), increment);
  }

  @Override
  public void visitLocalVariable(String localName, String localDescriptor, String signature,
      Label start, Label end, int index) {
    super.visitLocalVariable(localName, localDescriptor, signature, start, end, shifted(index));
  }

  @Override
  public net.bytebuddy.jar.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef,
      TypePath typePath, Label[] start, Label[] end, int[] index, String annotationDescriptor,
      boolean visible) {
    int[] moved = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      moved[i] = shifted(index[i]);
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved,
        annotationDescriptor, visible);
  }

  /** The body's frame with the new locals inserted at {@link #firstLocal}. */
  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (type != Opcodes.F_NEW) {
      throw new Weaver.UnweavableClassException("a frame was not expanded (type " + type + ")");
    }
    List<Object> locals = new ArrayList<>(numLocal + 5);
    int slot = 0;
    int i = 0;
    while (i < numLocal && slot < firstLocal) {
      Object entry = local[i++];
      locals.add(entry);
      slot += entry == Opcodes.LONG || entry == Opcodes.DOUBLE ? 2 : 1;
    }
    if (slot > firstLocal) {
      throw new Weaver.UnweavableClassException("a frame of " + name + " puts a long or double"
          + " across the end of its parameters");
    }
    while (slot < firstLocal) {
      locals.add(Opcodes.TOP);
      slot++;
    }
    locals.add(WOVEN_METHOD);
    locals.add(Opcodes.LONG);
    locals.add("java/lang/Object");
    locals.add(Opcodes.LONG);
    while (i < numLocal) {
      locals.add(local[i++]);
    }
    super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), numStack, stack);
  }

  private int shifted(int var) {
    return var >= firstLocal ? var + SHIFT : var;
  }

  // ---- helpers ----

  private void openRange() {
    rangeStart = new Label();
    super.visitLabel(rangeStart);
  }

  private void closeRange() {
    Label end = new Label();
    super.visitLabel(end);
    ranges.add(rangeStart);
    ranges.add(end);
  }

  private void loadOwnLocals() {
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitVarInsn(Opcodes.ALOAD, captureLocal);
    super.visitVarInsn(Opcodes.LLOAD, startLocal);
    super.visitVarInsn(Opcodes.LLOAD, admissionLocal);
  }

  /** {@code start = m.begin(); admission = m.admit();} leaving {@code admitted(admission)} pushed. */
  private void beginAndAdmit() {
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.BEGIN,
        BEGIN_DESCRIPTOR, false);
    super.visitVarInsn(Opcodes.LSTORE, startLocal);
    super.visitVarInsn(Opcodes.ALOAD, methodLocal);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, WovenMethod.ADMIT,
        ADMIT_DESCRIPTOR, false);
    super.visitVarInsn(Opcodes.LSTORE, admissionLocal);
    super.visitVarInsn(Opcodes.LLOAD, admissionLocal);
    super.visitMethodInsn(Opcodes.INVOKESTATIC, WOVEN_METHOD, WovenMethod.ADMITTED,
        ADMITTED_DESCRIPTOR, false);
  }

  private void frame(Label label, Object[] locals) {
    super.visitLabel(label);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
  }

  /**
   * The capture {@link WovenMethod} expects: the receiver alone, {@code null}, or
   * {@code new Object[] {receiver?, arg0, arg1, ...}} with primitives boxed.
   */
  private void pushCapture() {
    if (parameters.length == 0) {
      if (isStatic) {
        super.visitInsn(Opcodes.ACONST_NULL);
      } else {
        super.visitVarInsn(Opcodes.ALOAD, 0);
      }
      return;
    }
    int receiver = isStatic ? 0 : 1;
    pushInt(parameters.length + receiver);
    super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int index = 0;
    if (!isStatic) {
      super.visitInsn(Opcodes.DUP);
      pushInt(index++);
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitInsn(Opcodes.AASTORE);
    }
    int slot = receiver;
    for (Type type : parameters) {
      super.visitInsn(Opcodes.DUP);
      pushInt(index++);
      super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
      box(type);
      super.visitInsn(Opcodes.AASTORE);
      slot += type.getSize();
    }
  }

  private void box(Type type) {
    String boxed = boxClass(type.getSort());
    if (boxed == null) {
      return; // a reference: as it is
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, boxed, "valueOf",
        "(" + type.getDescriptor() + ")L" + boxed + ";", false);
  }

  /**
   * The internal name of the box class of a primitive {@link Type#getSort() sort}, or {@code null}
   * for a reference (ASM's sort numbers, the same in every copy of ASM).
   */
  static String boxClass(int sort) {
    switch (sort) {
      case Type.BOOLEAN: return "java/lang/Boolean";
      case Type.BYTE: return "java/lang/Byte";
      case Type.CHAR: return "java/lang/Character";
      case Type.SHORT: return "java/lang/Short";
      case Type.INT: return "java/lang/Integer";
      case Type.LONG: return "java/lang/Long";
      case Type.FLOAT: return "java/lang/Float";
      case Type.DOUBLE: return "java/lang/Double";
      default: return null;
    }
  }

  private void pushInt(int value) {
    if (value <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, value);
    } else {
      super.visitIntInsn(Opcodes.SIPUSH, value);
    }
  }

  /** The locals of the prefix: the parameters as declared, then the four new ones. */
  private Object[] entryLocals() {
    Object[] locals = new Object[parameters.length + (isStatic ? 0 : 1) + 4];
    int i = 0;
    if (!isStatic) {
      locals[i++] = owner;
    }
    for (Type type : parameters) {
      switch (type.getSort()) {
        case Type.BOOLEAN:
        case Type.BYTE:
        case Type.CHAR:
        case Type.SHORT:
        case Type.INT:
          locals[i++] = Opcodes.INTEGER;
          break;
        case Type.LONG:
          locals[i++] = Opcodes.LONG;
          break;
        case Type.FLOAT:
          locals[i++] = Opcodes.FLOAT;
          break;
        case Type.DOUBLE:
          locals[i++] = Opcodes.DOUBLE;
          break;
        case Type.ARRAY:
          locals[i++] = type.getDescriptor();
          break;
        default:
          locals[i++] = type.getInternalName();
      }
    }
    locals[i++] = WOVEN_METHOD;
    locals[i++] = Opcodes.LONG;
    locals[i++] = "java/lang/Object";
    locals[i] = Opcodes.LONG;
    return locals;
  }
}
