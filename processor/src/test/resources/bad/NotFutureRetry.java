package bad;

import dev.fftt.annotations.Retry;

class NotFutureRetry {
  @Retry(maxRetries = 2)
  void send() {}
}
