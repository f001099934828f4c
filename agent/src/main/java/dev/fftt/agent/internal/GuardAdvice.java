package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.WovenMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice inlined into every woven method. At entry it asks the method's {@link WovenMethod}
 * (a per-method constant, see {@link SiteMapping}) for the caller's future; when it gets one the
 * original body is skipped and the method returns that future. It gets none when the thread is
 * re-entering the method for an attempt the runtime started (a first attempt, a retry, a runOn
 * attempt), and then the body runs as written. No method or field is added to the woven class,
 * so a loaded class can be retransformed.
 *
 * <p>Holds only the static advice methods; the logic lives in the runtime. The entry advice
 * suppresses anything thrown: should the runtime fail, the body runs unguarded.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class GuardAdvice {

  private GuardAdvice() {}

  /** Returns the caller's future (skip the body), or {@code null} (run the body). */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(@SiteMapping.Site WovenMethod site,
      @Advice.This(optional = true) Object receiver,
      @Advice.AllArguments Object[] arguments) {
    return site.enter(receiver, arguments);
  }

  /** Returns the caller's future when the entry produced one. */
  @Advice.OnMethodExit
  static void exit(@Advice.Enter Object guarded,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (guarded != null) {
      returned = guarded;
    }
  }
}
