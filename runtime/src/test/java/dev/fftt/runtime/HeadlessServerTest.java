package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.testing.HeadlessServerMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a headless JVM of its own: the built-in "swing" loop is neither listed nor made (and no AWT
 * class is loaded) until something uses the EDT, and {@code fftt.health.minimumCalls} is honoured
 * as read at the first report.
 */
class HeadlessServerTest {

  private static final Pattern AWT_CLASS_LOADED =
      Pattern.compile("\\] (java\\.awt\\.|javax\\.swing\\.|sun\\.awt\\.|sun\\.java2d\\.|"
          + "dev\\.fftt\\.runtime\\.internal\\.loop\\.SwingLoop)");

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void swingIsListedOnlyOnceTheEdtIsUsedAndTheReportLoadsNoAwt() throws Exception {
    String classPath = String.join(File.pathSeparator, location(Async.class),
        location(dev.fftt.annotations.Retry.class), location(HeadlessServerMain.class));
    Path out = Files.createTempFile("headless", ".log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-Dfftt.health.minimumCalls=3", "-Xlog:class+load=info",
        "-cp", classPath, HeadlessServerMain.class.getName())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String all = String.join("\n", lines);
    assertThat(p.exitValue()).as(all).isZero();
    int edt = lines.indexOf(HeadlessServerMain.EDT_FROM_HERE);
    assertThat(edt).as(all).isPositive();
    List<String> before = lines.subList(0, edt);
    List<String> after = lines.subList(edt, lines.size());

    // minimumCalls=3: two failed calls are too few, the third makes it DEGRADED; read once
    assertThat(before).contains("after 2 of 2 failed: HEALTHY", "after 3 of 3 failed: DEGRADED",
        "after the property changed: DEGRADED");
    // no EDT used: no swing loop, and nothing of AWT loaded, by any report or lookup
    assertThat(before).contains("current: default, named nope: false",
        "loops without the EDT: work,default");
    assertThat(before).noneMatch(l -> AWT_CLASS_LOADED.matcher(l).find());
    // the EDT used: the swing loop is listed and named (and AWT was loaded, so the check above can fail)
    assertThat(after).contains("loops after a call on the EDT: work,default,swing", "named swing: swing");
    assertThat(after).anyMatch(l -> l.contains("] java.awt.EventQueue "));
    assertThat(after).anyMatch(l -> l.contains("] dev.fftt.runtime.internal.loop.SwingLoop "));
  }
}
