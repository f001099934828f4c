package dev.fftt.agent.internal;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The code the agent inlines at the start of each woven method (the "advice"). In Java terms:
 *
 * <pre>{@code
 * Object guarded;
 * try {
 *   guarded = <WovenMethod constant for this method>.enter(this_or_null, new Object[] {args...});
 * } catch (Throwable t) {
 *   guarded = null;                 // the runtime failed: run the body unguarded
 * }
 * if (guarded != null) {
 *   return (ReturnType) guarded;    // the caller's future; the body runs in the guard's attempts
 * }
 * ... the original body ...
 * }</pre>
 *
 * The {@code WovenMethod} constant is an {@code invokedynamic} whose bootstrap
 * ({@code WovenBootstrap.site}) receives the woven class's own lookup and a direct handle to this
 * very method (invoke-special for instance methods, so an attempt runs exactly this body even
 * when a subclass overrides it; invoke-static for static ones). {@code enter} returns
 * {@code null} when the thread is re-entering the method for an attempt the runtime started, so
 * the same method invoked through that handle runs its original body. Nothing else changes: no
 * member is added and no other code is touched, so loaded classes can be retransformed.
 *
 * <p>Needs the frames to be visited expanded ({@code ClassReader.EXPAND_FRAMES}) and a class
 * file of Java 7 or later.
 *
 * <p>Internal; not API, may change without notice.
 */
final class GuardPrefix extends MethodVisitor {

  static final String WOVEN_METHOD = "dev/fftt/runtime/internal/weave/WovenMethod";
  static final String BOOTSTRAP_OWNER = "dev/fftt/runtime/internal/weave/WovenBootstrap";
  private static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, BOOTSTRAP_OWNER,
      "site", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
          + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;)"
          + "Ljava/lang/invoke/CallSite;", false);
  private static final String SITE_DESCRIPTOR = "()L" + WOVEN_METHOD + ";";
  private static final String ENTER_DESCRIPTOR = "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
  /** Enough for the prefix: site, receiver, array, array, index, a long or double. */
  private static final int PREFIX_STACK = 7;

  private final String owner;
  private final boolean ownerIsInterface;
  private final boolean isStatic;
  private final String name;
  private final String descriptor;

  GuardPrefix(MethodVisitor target, String owner, boolean ownerIsInterface, int access, String name,
      String descriptor) {
    super(Opcodes.ASM9, target);
    this.owner = owner;
    this.ownerIsInterface = ownerIsInterface;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.name = name;
    this.descriptor = descriptor;
  }

  @Override
  public void visitCode() {
    super.visitCode();
    Label tryStart = new Label();
    Label tryEnd = new Label();
    Label handler = new Label();
    Label runBody = new Label();
    Type[] parameters = Type.getArgumentTypes(descriptor);
    Object[] locals = initialLocals(parameters);

    super.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
    super.visitLabel(tryStart);
    super.visitInvokeDynamicInsn("site", SITE_DESCRIPTOR, BOOTSTRAP, new Handle(
        isStatic ? Opcodes.H_INVOKESTATIC : Opcodes.H_INVOKESPECIAL, owner, name, descriptor,
        ownerIsInterface));
    if (isStatic) {
      super.visitInsn(Opcodes.ACONST_NULL);
    } else {
      super.visitVarInsn(Opcodes.ALOAD, 0);
    }
    pushArguments(parameters);
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WOVEN_METHOD, "enter", ENTER_DESCRIPTOR, false);
    super.visitLabel(tryEnd);
    super.visitInsn(Opcodes.DUP);
    super.visitJumpInsn(Opcodes.IFNULL, runBody);
    super.visitTypeInsn(Opcodes.CHECKCAST, Type.getReturnType(descriptor).getInternalName());
    super.visitInsn(Opcodes.ARETURN);
    // The runtime threw: drop it and run the body (a frame apart from runBody's: one per offset).
    super.visitLabel(handler);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
    super.visitInsn(Opcodes.POP);
    super.visitInsn(Opcodes.ACONST_NULL);
    super.visitLabel(runBody);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Object"});
    super.visitInsn(Opcodes.POP);
    // ... the original code follows, with an empty stack and the locals as at entry.
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    super.visitMaxs(Math.max(maxStack, PREFIX_STACK), maxLocals);
  }

  /** {@code new Object[] {arg0, arg1, ...}} with primitives boxed. */
  private void pushArguments(Type[] parameters) {
    pushInt(parameters.length);
    super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameters.length; i++) {
      Type type = parameters[i];
      super.visitInsn(Opcodes.DUP);
      pushInt(i);
      super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
      box(type);
      super.visitInsn(Opcodes.AASTORE);
      slot += type.getSize();
    }
  }

  private void box(Type type) {
    String boxed;
    switch (type.getSort()) {
      case Type.BOOLEAN: boxed = "java/lang/Boolean"; break;
      case Type.BYTE: boxed = "java/lang/Byte"; break;
      case Type.CHAR: boxed = "java/lang/Character"; break;
      case Type.SHORT: boxed = "java/lang/Short"; break;
      case Type.INT: boxed = "java/lang/Integer"; break;
      case Type.LONG: boxed = "java/lang/Long"; break;
      case Type.FLOAT: boxed = "java/lang/Float"; break;
      case Type.DOUBLE: boxed = "java/lang/Double"; break;
      default: return; // a reference: as it is
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, boxed, "valueOf",
        "(" + type.getDescriptor() + ")L" + boxed + ";", false);
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

  /** The locals at method entry, as an expanded frame lists them (long and double: one entry). */
  private Object[] initialLocals(Type[] parameters) {
    Object[] locals = new Object[parameters.length + (isStatic ? 0 : 1)];
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
    return locals;
  }
}
