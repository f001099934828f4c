package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

@WithTimeout(1)
abstract class ClassLevelAbstract {
  abstract CompletableFuture<String> fetch();

  CompletableFuture<String> concrete() {
    return CompletableFuture.completedFuture("x");
  }

  String notAFuture() {
    return "";
  }
}
