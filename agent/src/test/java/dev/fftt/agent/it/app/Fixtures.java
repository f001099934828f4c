package dev.fftt.agent.it.app;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The fixture instances and plugin class loaders one run uses, made before any attach (so that an
 * attach finds them loaded). Refers to no runtime class.
 */
public final class Fixtures {

  static final String PLUGIN_CLASS = "dev.fftt.agent.it.app.plugin.PluginService";
  static final String LEGACY_CLASS = "dev.fftt.agent.it.app.gen.Legacy";

  final TimeoutService timeouts = new TimeoutService();
  final RetryService retries = new RetryService();
  final MonitorService monitors = new MonitorService();
  final LoopService loops = new LoopService();
  final ShapesService shapes = new ShapesService();
  final DerivedService derived = new DerivedService();
  final ClassLevelService classLevel = new ClassLevelService();
  final ThrowingService throwing = new ThrowingService();
  final CheckedService checked = new CheckedService();
  final Greeter greeter = new Greeter.Plain();
  final BreakerService breakers = new BreakerService();
  final TypeLevelResilienceService typeLevel = new TypeLevelResilienceService();
  final BulkheadService bulkheads = new BulkheadService();
  final FallbackService fallbacks = new FallbackService();
  final IndexedFallbackService indexedFallbacks = new IndexedFallbackService();
  /** A plugin loader whose parent is the platform loader: it sees the JDK, itself and the annotations jar. */
  final ClassLoader isolatedPlugins;
  /** A child-first plugin loader below the application's loader. */
  final ClassLoader childFirstPlugins;

  Fixtures() {
    URL[] urls = pluginUrls();
    isolatedPlugins = new URLClassLoader("it-plugins-isolated", urls,
        ClassLoader.getPlatformClassLoader());
    childFirstPlugins = new ChildFirstLoader(urls, Fixtures.class.getClassLoader());
  }

  /** Calls the plugin's {@code slow()} in {@code loader}; returns its future. */
  static CompletableFuture<?> callPlugin(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> type = Class.forName(PLUGIN_CLASS, true, loader);
    if (type.getClassLoader() != loader) {
      throw new IllegalStateException(PLUGIN_CLASS + " was loaded by " + type.getClassLoader()
          + ", not by the plugin loader " + loader);
    }
    Object plugin = type.getConstructor().newInstance();
    Method slow = type.getMethod("slow");
    return (CompletableFuture<?>) slow.invoke(plugin);
  }

  /** Calls the generated Java 6 class's {@code ping()}, or returns {@code null} when it is absent. */
  static CompletableFuture<?> callLegacy() throws ReflectiveOperationException {
    Class<?> type;
    try {
      type = Class.forName(LEGACY_CLASS);
    } catch (ClassNotFoundException absent) {
      return null;
    }
    return (CompletableFuture<?>) type.getMethod("ping").invoke(null);
  }

  private static URL[] pluginUrls() {
    List<URL> urls = new ArrayList<>();
    try {
      String classes = System.getProperty("fftt.plugin.classes");
      if (classes != null) {
        urls.add(new File(classes).toURI().toURL());
      }
      String annotations = System.getProperty("fftt.annotations.jar");
      if (annotations != null) {
        urls.add(new File(annotations).toURI().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    return urls.toArray(new URL[0]);
  }

  /** Loads the plugin package itself before asking its parent (as many plugin systems do). */
  static final class ChildFirstLoader extends URLClassLoader {

    static {
      registerAsParallelCapable();
    }

    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super("it-plugins-child-first", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.fftt.agent.it.app.plugin.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
