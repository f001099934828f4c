package dev.fftt.maven;

import dev.fftt.agent.internal.FolderWeaving;
import java.io.File;
import java.io.IOException;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What both goals do, on the folder each names. */
abstract class AbstractWeaveMojo extends AbstractMojo {

  static final String GROUP = "dev.fftt";
  static final String RUNTIME = "fftt-runtime";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** This plugin's version, written into each woven class's mark. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  String pluginVersion;

  /** Skips the weaving. */
  @Parameter(property = "fftt.weave.skip", defaultValue = "false")
  boolean skip;

  /**
   * Whether the build fails when {@code dev.fftt:fftt-runtime} is not among the dependencies the
   * woven classes run with: woven code calls it, and without it the first call of a woven
   * method throws {@code NoClassDefFoundError}. Turn off only when the runtime reaches the class
   * path another way (a platform that provides it).
   */
  @Parameter(property = "fftt.weave.requireRuntime", defaultValue = "true")
  boolean requireRuntime;

  /** The folder to weave in place. */
  abstract File classesDirectory();

  /** The scopes whose dependencies the woven classes run with. */
  abstract Set<String> runtimeScopes();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("FFTT: weaving skipped (fftt.weave.skip)");
      return;
    }
    File dir = classesDirectory();
    if (!dir.isDirectory()) {
      getLog().info("FFTT: nothing to weave: " + dir + " does not exist");
      return;
    }
    long start = System.nanoTime();
    FolderWeaving.Summary summary;
    try {
      summary = FolderWeaving.weave(dir.toPath(), "fftt-maven-plugin " + pluginVersion,
          line -> getLog().debug("FFTT: " + line));
    } catch (IOException e) {
      throw new MojoExecutionException("FFTT: cannot weave the classes of " + dir + ": " + e, e);
    }
    for (String warning : summary.warnings()) {
      getLog().warn("FFTT: " + warning);
    }
    if (!summary.failures().isEmpty()) {
      int n = summary.failures().size();
      throw new MojoFailureException("FFTT: " + n + (n == 1 ? " class of " : " classes of ") + dir
          + (n == 1 ? " carries" : " carry") + " FFTT annotations and cannot be woven:\n  "
          + String.join("\n  ", summary.failures())
          + "\nRecompile them for Java 7 or later, or remove their FFTT annotations.");
    }
    if (!summary.woven().isEmpty() && requireRuntime && !hasRuntime()) {
      throw new MojoFailureException("FFTT: " + summary.woven().size() + " class(es) of " + dir
          + " were woven, and woven code needs " + GROUP + ":" + RUNTIME + " on its class path,"
          + " which is not a dependency of this project (scopes "
          + String.join(", ", new java.util.TreeSet<>(runtimeScopes())) + "); add it"
          + " (scope compile or runtime), or set fftt.weave.requireRuntime=false if the runtime"
          + " reaches the class path another way");
    }
    getLog().info("FFTT: wove " + summary.methods() + " method"
        + (summary.methods() == 1 ? "" : "s") + " in " + summary.woven().size() + " class"
        + (summary.woven().size() == 1 ? "" : "es") + " of " + dir + " (" + summary.scanned()
        + " class file" + (summary.scanned() == 1 ? "" : "s") + ", " + summary.alreadyWoven()
        + " woven before and left as they were) in " + (System.nanoTime() - start) / 1_000_000
        + " ms");
  }

  private boolean hasRuntime() {
    for (Artifact a : project.getArtifacts()) {
      if (GROUP.equals(a.getGroupId()) && RUNTIME.equals(a.getArtifactId())
          && runtimeScopes().contains(a.getScope())) {
        return true;
      }
    }
    return false;
  }
}
