package dev.fftt.processor;

import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rule 4, the values of {@code @Retry}, and the warning about its budget under a timeout. */
class RetryRulesTest {

  @Test
  void negativeMaxRetries() {
    JavaFileObject file = source("bad/RetryMaxRetriesNegative");
    assertOnlyError(compile(file), file, "maxRetries = -1",
        "@Retry maxRetries must be 0 or more", "but is -1", "0 for none");
  }

  @Test
  void negativeDelay() {
    JavaFileObject file = source("bad/RetryDelayNegative");
    assertOnlyError(compile(file), file, "delay = -100",
        "@Retry delay must be 0 or more", "but is -100");
  }

  @Test
  void multiplierBelowOne() {
    JavaFileObject file = source("bad/RetryMultiplierBelowOne");
    assertOnlyError(compile(file), file, "multiplier = 0.5",
        "@Retry multiplier must be 1.0 or more", "but is 0.5", "use 1.0");
  }

  @Test
  void jitterAboveOne() {
    JavaFileObject file = source("bad/RetryJitterAboveOne");
    assertOnlyError(compile(file), file, "jitter = 1.5",
        "@Retry jitter must be between 0 and 1", "but is 1.5");
  }

  @Test
  void negativeJitter() {
    JavaFileObject file = source("bad/RetryJitterNegative");
    assertOnlyError(compile(file), file, "jitter = -0.1",
        "@Retry jitter must be between 0 and 1", "but is -0.1");
  }

  @Test
  void maxDelayBelowDelay() {
    JavaFileObject file = source("bad/RetryMaxDelayBelowDelay");
    assertOnlyError(compile(file), file, "maxDelay = 50",
        "@Retry maxDelay (50) is set below delay (100)", "at least 100", "0 for no cap");
  }

  @Test
  void maxDurationShorterThanDelayInOtherUnits() {
    JavaFileObject file = source("bad/RetryMaxDurationNotLonger");
    assertOnlyError(compile(file), file, "maxDuration = 500",
        "@Retry maxDuration (500 MILLIS) is set but not longer than delay (1 SECONDS)",
        "no retry could start");
  }

  @Test
  void maxDurationEqualToDelay() {
    JavaFileObject file = source("bad/RetryMaxDurationEqualToDelay");
    assertOnlyError(compile(file), file, "maxDuration = 100",
        "@Retry maxDuration (100 MILLIS) is set but not longer than delay (100 MILLIS)");
  }

  @Test
  void classInBothRetryOnAndAbortOn() {
    JavaFileObject file = source("bad/RetryInBothLists");
    assertOnlyError(compile(file), file, "abortOn = {IllegalStateException.class",
        "@Retry lists IOException in both retryOn and abortOn", "never retried",
        "remove it from one of them");
  }

  @Test
  void classLevelValueIsCheckedOnTheClass() {
    JavaFileObject file = source("bad/RetryClassLevel");
    assertOnlyError(compile(file), file, "@Retry(maxRetries = -2)",
        "@Retry maxRetries must be 0 or more", "but is -2");
  }

  @Test
  void maxDurationShorterThanTimeoutWarns() {
    JavaFileObject file = source("bad/RetryShorterThanTimeout");
    assertOnlyWarning(compile(file), file, "maxDuration = 500",
        "@Retry maxDuration (500 MILLIS) is shorter than the @WithTimeout limit (2 SECONDS)",
        "RetryShorterThanTimeout.fetch()", "never retried",
        "make maxDuration longer than the timeout");
  }

  @Test
  void classLevelMaxDurationShorterThanMethodTimeoutWarnsOnTheTimeout() {
    JavaFileObject file = source("bad/RetryShorterThanClassTimeout");
    assertOnlyWarning(compile(file), file, "@WithTimeout(value = 1500",
        "@Retry maxDuration (1 SECONDS) is shorter than the @WithTimeout limit (1500 MILLIS)",
        "RetryShorterThanClassTimeout.fetch()");
  }
}
