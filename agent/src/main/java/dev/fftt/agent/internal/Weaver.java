package dev.fftt.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.fftt.runtime.internal.WovenMethod;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class file: decides from its (lazily parsed) description whether and which methods
 * to weave, and rewrites them with {@link GuardAdvice} through Byte Buddy's {@code decorate}
 * (visitors only: no member added, no initializer changed, so the same rewrite serves loading and
 * retransformation alike).
 *
 * <p>A class is woven when it or one of its methods carries an FFTT annotation (matched by type
 * name, so any copy of the annotations counts). The methods woven return
 * {@code CompletableFuture}/{@code CompletionStage}, have a body, are neither synthetic nor
 * bridges, and are annotated themselves or by their class; {@code @AsyncMonitor} counts only with
 * {@code monitor=on}. Which policy applies is left to the runtime (processor constants or
 * annotations). A class file older than Java 7 is refused (the advice uses
 * {@code invokedynamic}); a refusal or any failure is reported once and the class stays as it was.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
final class Weaver {

  static final String ANNOTATIONS = "dev.fftt.annotations.";
  static final String WITH_TIMEOUT = ANNOTATIONS + "WithTimeout";
  static final String RETRY = ANNOTATIONS + "Retry";
  static final String ASYNC_MONITOR = ANNOTATIONS + "AsyncMonitor";
  static final String LOOP_COMPATIBLE = ANNOTATIONS + "LoopCompatible";

  private static final ElementMatcher.Junction<MethodDescription> ANNOTATED =
      not(isSynthetic()).and(isAnnotatedWith(nameStartsWith(ANNOTATIONS)));

  private final Instrumentation instrumentation;
  private final WeaveListener listener;
  private final ElementMatcher.Junction<TypeDescription> types;
  private final ElementMatcher.Junction<MethodDescription> methods;
  private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);
  private final Advice advice = Advice.withCustomMapping()
      .bind(SiteMapping.Site.class, SiteMapping.INSTANCE)
      .to(GuardAdvice.class);
  private final Module runtimeModule = WovenMethod.class.getModule();

  Weaver(Instrumentation instrumentation, boolean monitor, WeaveListener listener) {
    this.instrumentation = instrumentation;
    this.listener = listener;
    this.types = wovenTypes(monitor);
    this.methods = wovenMethods(monitor);
  }

  /** The annotation types that make a method woven; {@code @AsyncMonitor} only with monitor=on. */
  static ElementMatcher.Junction<TypeDescription> annotationTypes(boolean monitor) {
    ElementMatcher.Junction<TypeDescription> types =
        named(WITH_TIMEOUT).or(named(RETRY)).or(named(LOOP_COMPATIBLE));
    return monitor ? types.or(named(ASYNC_MONITOR)) : types;
  }

  /** The methods to weave. */
  static ElementMatcher.Junction<MethodDescription> wovenMethods(boolean monitor) {
    ElementMatcher.Junction<TypeDescription> annotations = annotationTypes(monitor);
    return isMethod()
        .and(not(isAbstract()))
        .and(not(isNative()))
        .and(not(isSynthetic())) // lambda bodies, accessors
        .and(not(isBridge()))
        .and(returns(named("java.util.concurrent.CompletableFuture")
            .or(named("java.util.concurrent.CompletionStage"))))
        .and(isAnnotatedWith(annotations).or(isDeclaredBy(isAnnotatedWith(annotations))));
  }

  /** The types to look at: annotated themselves or in one of their methods. */
  static ElementMatcher.Junction<TypeDescription> wovenTypes(boolean monitor) {
    ElementMatcher.Junction<TypeDescription> annotations = annotationTypes(monitor);
    return isAnnotatedWith(annotations).or(declaresMethod(isAnnotatedWith(annotations)));
  }

  /**
   * The woven class file, or {@code null} to leave the class as it is. Never throws: a failure is
   * reported to the listener (once per class and loader) and the class is left alone.
   */
  byte[] weave(Module module, ClassLoader loader, String internalName, boolean loaded,
      byte[] classFile) {
    String name = internalName.replace('/', '.');
    try {
      ClassFileLocator locator = new ClassFileLocator.Compound(
          ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
      // Lazy: names of annotations and return types are read from descriptors, nothing else is
      // resolved; FAST: method bodies are not parsed for the description.
      TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
          locator, TypePool.Default.ReaderMode.FAST);
      TypeDescription type = pool.describe(name).resolve();
      if (!types.matches(type)) {
        return null;
      }
      MethodList<MethodDescription.InDefinedShape> declared = type.getDeclaredMethods();
      for (MethodDescription method : declared.filter(ANNOTATED.and(not(methods)))) {
        String why = misapplied(method);
        if (why != null) {
          listener.misapplied(type.getName(), loader, method, why);
        }
      }
      int count = declared.filter(methods).size();
      if (count == 0) {
        return null;
      }
      ClassFileVersion version = type.getClassFileVersion();
      if (version != null && version.isLessThan(ClassFileVersion.JAVA_V7)) {
        throw new UnweavableClassException("its class file version " + version.getMajorVersion()
            + " (Java " + version.getJavaVersion() + ") is older than Java 7, and woven code needs"
            + " invokedynamic; recompile it for Java 7 or later");
      }
      readRuntime(module);
      byte[] woven = byteBuddy.decorate(type, locator).visit(advice.on(methods)).make().getBytes();
      listener.woven(name, loaded, count);
      return woven;
    } catch (Throwable t) {
      listener.failed(name, loader, t);
      return null;
    }
  }

  /** Lets a named module's woven code refer to the runtime (in the boot loader's unnamed module). */
  private void readRuntime(Module module) {
    if (module != null && module.isNamed() && !module.canRead(runtimeModule)) {
      instrumentation.redefineModule(module, Set.of(runtimeModule), Map.of(), Map.of(), Set.of(),
          Map.of());
    }
  }

  /** Why the FFTT annotations on {@code method} are ignored, or {@code null} when on purpose. */
  private static String misapplied(MethodDescription method) {
    if (method.isConstructor() || method.isTypeInitializer()) {
      return "it is a constructor";
    }
    if (isAbstract().or(isNative()).matches(method)) {
      return "it has no body to weave (abstract or native); annotate the implementation";
    }
    String returned = method.getReturnType().asErasure().getName();
    if (!returned.equals("java.util.concurrent.CompletableFuture")
        && !returned.equals("java.util.concurrent.CompletionStage")) {
      return "it returns " + returned + ", and only methods returning CompletableFuture or"
          + " CompletionStage are woven";
    }
    return null; // e.g. @AsyncMonitor alone with monitor=off: left out on purpose
  }

  /** A class that cannot be woven, with the reason as its message. */
  static final class UnweavableClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnweavableClassException(String reason) {
      super(reason);
    }
  }
}
