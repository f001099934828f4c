package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletionStage;

interface InterfaceMethod {
  @WithTimeout(1)
  CompletionStage<String> fetch();
}
