package dev.fftt.maven;

import java.io.File;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the FFTT-annotated methods of the main classes ({@code target/classes}) in place, with
 * the same weaving as the FFTT agent, so that the application runs woven with
 * {@code fftt-runtime} on its class path and no {@code -javaagent}. Each woven class is marked so
 * that an agent attached as well leaves it alone; a class woven before (and not recompiled since)
 * is not rewritten. A class that carries FFTT annotations and cannot be woven fails the build,
 * named with the reason.
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class WeaveMojo extends AbstractWeaveMojo {

  /** The folder whose classes are woven. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  File classesDirectory;

  @Override
  File classesDirectory() {
    return classesDirectory;
  }

  @Override
  Set<String> runtimeScopes() {
    return Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);
  }
}
