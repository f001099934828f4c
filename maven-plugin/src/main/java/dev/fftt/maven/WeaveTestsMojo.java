package dev.fftt.maven;

import java.io.File;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * As {@code weave}, for the test classes ({@code target/test-classes}): tests whose own classes
 * carry FFTT annotations run woven without an agent.
 */
@Mojo(name = "weave-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public class WeaveTestsMojo extends AbstractWeaveMojo {

  /** The folder whose classes are woven. */
  @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
  File classesDirectory;

  @Override
  File classesDirectory() {
    return classesDirectory;
  }

  @Override
  Set<String> runtimeScopes() {
    return Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_TEST);
  }
}
