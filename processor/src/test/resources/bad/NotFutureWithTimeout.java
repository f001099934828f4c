package bad;

import dev.fftt.annotations.WithTimeout;

class NotFutureWithTimeout {
  @WithTimeout(5)
  String greet() {
    return "hi";
  }
}
