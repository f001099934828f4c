package dev.fftt.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Loads the classes a compilation wrote, so tests can read their constants. */
final class CompiledClasses extends ClassLoader {

  private final Compilation compilation;

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    this.compilation = compilation;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Optional<JavaFileObject> file = compilation.generatedFile(
        StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class");
    if (file.isEmpty()) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = file.get().openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of a public static field of a compiled class. */
  Object constant(String className, String field) throws ReflectiveOperationException {
    return loadClass(className).getField(field).get(null);
  }
}
