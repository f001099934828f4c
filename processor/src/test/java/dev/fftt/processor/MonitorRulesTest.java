package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rule 5, the {@code @AsyncMonitor} name, and the warning for a name used twice. */
class MonitorRulesTest {

  @Test
  void nameWithASpace() {
    JavaFileObject file = source("bad/MonitorNameWithSpace");
    assertOnlyError(compile(file), file, "@AsyncMonitor(\"agent processing\")",
        "@AsyncMonitor name \"agent processing\" must match [A-Za-z0-9_.-]+",
        "e.g. \"agent_processing\"");
  }

  @Test
  void nameWithASlash() {
    JavaFileObject file = source("bad/MonitorNameWithSlash");
    assertOnlyError(compile(file), file, "value = \"orders/create\"",
        "@AsyncMonitor name \"orders/create\" must match", "e.g. \"orders_create\"");
  }

  @Test
  void classLevelNameIsCheckedOnTheClass() {
    JavaFileObject file = source("bad/MonitorClassLevel");
    assertOnlyError(compile(file), file, "@AsyncMonitor(\"shop:orders\")",
        "@AsyncMonitor name \"shop:orders\" must match");
  }

  @Test
  void sameNameOnTwoMethodsWarnsOnTheSecond() {
    JavaFileObject file = source("bad/DuplicateMonitorName");
    assertOnlyWarning(compile(file), file, "@AsyncMonitor(value = \"orders\")",
        "@AsyncMonitor name \"orders\" is also used on DuplicateMonitorName.place()",
        "counted as one operation", "give each a name of its own");
  }

  @Test
  void sameNameInTwoFilesWarnsOnTheLaterOne() {
    JavaFileObject first = source("bad/DuplicateMonitorFirst");
    JavaFileObject second = source("bad/DuplicateMonitorSecond");
    Compilation compilation = compile(first, second);
    assertOnlyWarning(compilation, second, "@AsyncMonitor(\"payments\")",
        "@AsyncMonitor name \"payments\" is also used on DuplicateMonitorFirst.pay()");
  }

  @Test
  void classLevelNameReachingManyMethodsIsNotADuplicate() {
    assertThat(compile(source("good/ClassLevelAnnotations"))).succeededWithoutWarnings();
  }
}
