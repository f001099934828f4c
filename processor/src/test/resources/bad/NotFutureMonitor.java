package bad;

import dev.fftt.annotations.AsyncMonitor;

class NotFutureMonitor {
  @AsyncMonitor("orders")
  int count() {
    return 0;
  }
}
