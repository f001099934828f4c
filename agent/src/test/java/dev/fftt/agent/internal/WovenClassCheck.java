package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.MethodSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * The checks every woven class file gets: ASM's own verifier (CheckClassAdapter: structure, then
 * a data-flow analysis of each method with its SimpleVerifier), every method the weaver did not
 * weave (constructors, initializers, bridges, the rest) byte-for-byte the same instructions as
 * before, no member added or removed, and each woven method's bootstrap arguments parsed back by
 * the runtime's own {@link MethodSettings#parse} with all seven annotations present.
 */
final class WovenClassCheck {

  private WovenClassCheck() {}

  /** What ASM's verifier says about the class ({@code ""}: nothing wrong). */
  static String asmVerifier(byte[] classFile, ClassLoader loader) {
    StringWriter out = new StringWriter();
    try {
      CheckClassAdapter.verify(new ClassReader(classFile), loader, false, new PrintWriter(out));
    } catch (RuntimeException | LinkageError e) {
      return "verifier threw " + e;
    }
    return out.toString().trim();
  }

  /**
   * The problems found comparing the woven class file with the class file it was woven from,
   * given the methods expected woven ({@code name + descriptor}); empty when there are none.
   */
  static List<String> compare(byte[] before, byte[] after, Set<String> wovenExpected) {
    List<String> problems = new ArrayList<>();
    ClassNode a = node(before);
    ClassNode b = node(after);
    if (a.methods.size() != b.methods.size() || a.fields.size() != b.fields.size()) {
      problems.add("members changed: methods " + a.methods.size() + " -> " + b.methods.size()
          + ", fields " + a.fields.size() + " -> " + b.fields.size());
      return problems;
    }
    Map<String, MethodNode> woven = new HashMap<>();
    for (MethodNode m : b.methods) {
      woven.put(m.name + m.desc, m);
    }
    for (MethodNode original : a.methods) {
      String key = original.name + original.desc;
      MethodNode m = woven.get(key);
      if (m == null) {
        problems.add("method lost: " + key);
        continue;
      }
      if (m.access != original.access) {
        problems.add("access changed: " + key);
      }
      String bootstrapArgument = wovenSettings(m);
      if (wovenExpected.contains(key)) {
        if (bootstrapArgument == null) {
          problems.add("not woven: " + key);
        } else {
          MethodSettings settings = MethodSettings.parse(MethodSettings.split(bootstrapArgument));
          for (Class<? extends java.lang.annotation.Annotation> kind : MethodSettings.ANNOTATIONS) {
            if (!settings.has(kind)) {
              problems.add("woven without " + kind.getSimpleName() + ": " + key);
            }
          }
        }
      } else if (!text(original).equals(text(m))) {
        problems.add("changed though not woven: " + key);
      }
    }
    return problems;
  }

  /** The joined settings the woven prefix hands to the bootstrap, or null when not woven. */
  static String wovenSettings(MethodNode m) {
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn instanceof InvokeDynamicInsnNode) {
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
        Handle bsm = indy.bsm;
        if (bsm.getOwner().equals(GuardPrefix.BOOTSTRAP_OWNER)) {
          return (String) indy.bsmArgs[indy.bsmArgs.length - 1];
        }
      }
      if (insn.getOpcode() >= 0) {
        return null; // the prefix's invokedynamic is the method's first instruction
      }
    }
    return null;
  }

  static ClassNode node(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, 0);
    return node;
  }

  private static String text(MethodNode m) {
    Textifier textifier = new Textifier();
    m.accept(new TraceMethodVisitor(textifier));
    StringWriter out = new StringWriter();
    textifier.print(new PrintWriter(out));
    return out.toString();
  }
}
