package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Weaves a test fixture's class file and loads the result in a class loader of its own. */
final class Woven {

  private Woven() {}

  /** The class file of {@code type}, as compiled. */
  static byte[] classFile(Class<?> type) {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code type} woven as the agent would; fails the test when nothing was woven. */
  static Class<?> load(Class<?> type, boolean monitor) {
    byte[] woven = weave(type.getName(), classFile(type), monitor, new RecordingListener());
    assertThat(woven).as("%s was not woven", type.getName()).isNotNull();
    return new OneClassLoader(type.getName(), woven).load();
  }

  /** What the weaver returns for this class file ({@code null}: left as it is). */
  static byte[] weave(String name, byte[] classFile, boolean monitor, WeaveListener listener) {
    return new Weaver(null, monitor, listener)
        .weave(null, Woven.class.getClassLoader(), name.replace('.', '/'), false, classFile);
  }

  /** Records what the weaver reports. */
  static final class RecordingListener extends WeaveListener {
    final List<String> events = new ArrayList<>();

    @Override
    void woven(String type, boolean loaded, int methods) {
      events.add("woven " + type + " " + methods);
    }

    @Override
    void failed(String type, ClassLoader loader, Throwable failure) {
      events.add("failed " + type + ": " + failure.getMessage());
    }

    @Override
    void misapplied(String type, ClassLoader loader, String method, String why) {
      events.add("misapplied " + type + "." + method + ": " + why);
    }
  }

  /** Defines one class from bytes and delegates everything else to the test's loader. */
  static class OneClassLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    OneClassLoader(String name, byte[] bytes) {
      super("woven-" + name, Woven.class.getClassLoader());
      this.name = name;
      this.bytes = bytes;
    }

    Class<?> load() {
      try {
        return loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (!className.equals(name)) {
        return super.loadClass(className, resolve);
      }
      synchronized (getClassLoadingLock(className)) {
        Class<?> c = findLoadedClass(className);
        return c != null ? c : defineClass(className, bytes, 0, bytes.length);
      }
    }
  }
}
