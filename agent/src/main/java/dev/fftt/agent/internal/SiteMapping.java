package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.WovenBootstrap;
import dev.fftt.runtime.internal.WovenMethod;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.utility.JavaConstant;

/**
 * Binds {@link Site} parameters of the advice to the woven method's {@link WovenMethod}: an
 * {@code invokedynamic} whose bootstrap ({@link WovenBootstrap#site}) gets the woven class's own
 * lookup and a direct handle to the method itself as a constant. Invoke-special for instance
 * methods, so a retry runs exactly this body even when a subclass overrides the method (and
 * calls it through {@code super}); invoke-static for static ones. The JVM links the instruction
 * once, on the method's first call, and afterwards it is a constant.
 *
 * <p>Needs class files of Java 7 or later (for {@code invokedynamic}); the transformer refuses
 * older ones before this is used.
 *
 * <p>Internal; not API, may change without notice.
 */
final class SiteMapping implements Advice.OffsetMapping {

  static final SiteMapping INSTANCE = new SiteMapping();

  /** Marks the advice parameter that receives the method's {@link WovenMethod}. */
  @Retention(RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(ElementType.PARAMETER)
  @interface Site {}

  private static final MethodDescription.InDefinedShape BOOTSTRAP;
  private static final TypeDescription SITE_TYPE = TypeDescription.ForLoadedType.of(WovenMethod.class);

  static {
    try {
      BOOTSTRAP = new MethodDescription.ForLoadedMethod(WovenBootstrap.class.getMethod("site",
          MethodHandles.Lookup.class, String.class, MethodType.class, MethodHandle.class));
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
    if (!BOOTSTRAP.isInvokeBootstrap()) {
      throw new ExceptionInInitializerError("not a bootstrap method: " + BOOTSTRAP);
    }
  }

  private SiteMapping() {}

  @Override
  public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
      Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
    MethodDescription.InDefinedShape method = instrumentedMethod.asDefined();
    JavaConstant.MethodHandle body = method.isStatic()
        ? JavaConstant.MethodHandle.of(method)
        : JavaConstant.MethodHandle.ofSpecial(method, method.getDeclaringType());
    List<JavaConstant> arguments = Collections.singletonList(body);
    return new Target.ForStackManipulation(MethodInvocation.invoke(BOOTSTRAP)
        .dynamic("site", SITE_TYPE, Collections.emptyList(), arguments));
  }
}
