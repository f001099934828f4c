package bad;

import dev.fftt.annotations.Retry;

@Retry(maxRetries = 1)
class ClassLevelNoFutureMethod {
  String name() {
    return "";
  }

  void run() {}
}
