package it.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fftt.runtime.AsyncTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlowFakeTest {

  @Test
  void theTestClassesAreWoven() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> new SlowFake().never().get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof AsyncTimeoutException, String.valueOf(e.getCause()));
  }
}
