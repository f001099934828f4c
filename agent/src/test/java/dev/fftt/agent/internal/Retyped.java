package dev.fftt.agent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Makes every method body of a class a weaving target: beside each method with code (not a
 * constructor or initializer) it adds a copy named {@code <name>$fftt} that returns
 * {@code CompletableFuture} and whose every return completes one with the value the original
 * returns (boxed; {@code null} for void). The copy has the same parameters, locals, exception
 * handlers and stack map frames (a return instruction is never a branch target's frame), so the
 * weaver meets each real body as it is, long/double locals, handlers, huge methods and all.
 * Synthetic and bridge flags are dropped from the copies so lambda bodies are woven too.
 */
final class Retyped {

  static final String SUFFIX = "$fftt";
  private static final String CF = "java/util/concurrent/CompletableFuture";

  private Retyped() {}

  /** The class file with the copies added, or {@code null} when it has no body to copy. */
  static byte[] addCopies(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.EXPAND_FRAMES);
    List<MethodNode> copies = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (MethodNode m : node.methods) {
      if (m.instructions.size() == 0 || m.name.startsWith("<")
          || AllSeven.returnsFuture(m.desc)) {
        continue;
      }
      MethodNode c = copy(m);
      if (names.add(c.name + c.desc)) { // overloads by return type alone (bridges) copy once
        copies.add(c);
      }
    }
    if (copies.isEmpty()) {
      return null;
    }
    node.methods.addAll(copies);
    ClassWriter writer = new ClassWriter(0);
    node.accept(writer);
    return writer.toByteArray();
  }

  private static MethodNode copy(MethodNode m) {
    Type returned = Type.getReturnType(m.desc);
    String desc = Type.getMethodDescriptor(Type.getObjectType(CF), Type.getArgumentTypes(m.desc));
    int access = m.access & ~(Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE);
    MethodNode c = new MethodNode(Opcodes.ASM9, access, m.name + SUFFIX, desc, null,
        m.exceptions.toArray(new String[0]));
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn instanceof LabelNode) {
        labels.put((LabelNode) insn, new LabelNode());
      }
    }
    InsnList code = c.instructions;
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      int op = insn.getOpcode();
      if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
        if (op == Opcodes.RETURN) {
          code.add(new InsnNode(Opcodes.ACONST_NULL));
        } else {
          box(code, returned);
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CF, "completedFuture",
            "(Ljava/lang/Object;)L" + CF + ";", false));
        code.add(new InsnNode(Opcodes.ARETURN));
      } else {
        code.add(insn.clone(labels));
      }
    }
    for (TryCatchBlockNode t : m.tryCatchBlocks) {
      c.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end),
          labels.get(t.handler), t.type));
    }
    if (m.localVariables != null) {
      c.localVariables = new ArrayList<>();
      for (LocalVariableNode v : m.localVariables) {
        c.localVariables.add(new LocalVariableNode(v.name, v.desc, null, labels.get(v.start),
            labels.get(v.end), v.index));
      }
    }
    c.maxStack = m.maxStack + 1;
    c.maxLocals = m.maxLocals;
    return c;
  }

  private static void box(InsnList code, Type type) {
    String boxed = GuardPrefix.boxClass(type.getSort()); // the weaver's own mapping
    if (boxed == null) {
      return;
    }
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, boxed, "valueOf",
        "(" + type.getDescriptor() + ")L" + boxed + ";", false));
  }
}
