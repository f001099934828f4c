package dev.fftt.processor.internal;

import java.util.OptionalLong;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 8, the values of {@code @Bulkhead} (checked where it is written): {@code value} 1 or more,
 * {@code waitingTaskQueue} 0 or more.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BulkheadChecker implements Checker {

  private final Elements elements;
  private final Reporter reporter;

  /** Reads values with {@code elements} and reports through {@code reporter}. */
  public BulkheadChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (Site site : type.written(AnnotationKind.BULKHEAD)) {
      Values values = new Values(elements, site.mirror());
      OptionalLong value = values.asLong("value");
      if (value.isEmpty()) {
        reporter.cannotJudge();
      } else if (value.getAsLong() < 1) {
        reporter.report(Kind.ERROR, String.format(
            "@Bulkhead value must be 1 or more, but is %d; give how many attempts may run at"
                + " once (e.g. @Bulkhead(10)), or remove @Bulkhead for no limit",
            value.getAsLong()),
            site.element(), site.mirror(), values.raw("value"));
      }
      OptionalLong queue = values.asLong("waitingTaskQueue");
      if (queue.isEmpty()) {
        reporter.cannotJudge();
      } else if (queue.getAsLong() < 0) {
        reporter.report(Kind.ERROR, String.format(
            "@Bulkhead waitingTaskQueue must be 0 or more, but is %d; give how many attempts"
                + " may wait for a permit (0: none wait, an attempt beyond the limit is"
                + " rejected at once)",
            queue.getAsLong()),
            site.element(), site.mirror(), values.raw("waitingTaskQueue"));
      }
    }
  }
}
