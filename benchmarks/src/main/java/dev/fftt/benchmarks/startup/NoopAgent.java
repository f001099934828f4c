package dev.fftt.benchmarks.startup;

import dev.fftt.benchmarks.tools.TinyJar;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * A Java agent whose {@link ClassFileTransformer} sees every class load and changes nothing: the
 * floor of any weaving agent's startup (the {@code java.instrument} machinery, a transformer call
 * per class, the class bytes handed to Java). The startup measurement runs it as its own
 * configuration, so the FFTT agent's figure reads against it.
 *
 * <p>{@code main(<jar>)} writes the agent jar (this class alone, {@code Premain-Class} in its
 * manifest); {@code benchmarks/run.sh} does so before the startup runs.
 */
public final class NoopAgent implements ClassFileTransformer {

  private NoopAgent() {}

  /** Registers the transformer. */
  public static void premain(String args, Instrumentation inst) {
    inst.addTransformer(new NoopAgent());
  }

  /** Returns null (no change) for every class. */
  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    return null;
  }

  /** Writes the agent jar to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: NoopAgent <agent.jar to write>");
    }
    TinyJar.write(Path.of(args[0]), Map.of("Premain-Class", NoopAgent.class.getName()), Map.of(),
        NoopAgent.class);
  }
}
