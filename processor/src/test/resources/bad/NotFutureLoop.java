package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.Future;

class NotFutureLoop {
  @LoopCompatible
  Future<String> load() {
    return null;
  }
}
