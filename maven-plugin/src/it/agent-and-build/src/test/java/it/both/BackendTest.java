package it.both;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendTest {

  @Test
  void wovenOnceUnderTheAgent() throws Exception {
    assertNotNull(System.getProperty("fftt.agent.installed"), "the agent is installed");
    Backend backend = new Backend();

    assertEquals("ok after 3", backend.flaky().get(5, TimeUnit.SECONDS));
    // woven twice, each of the 3 outer attempts would run the body up to 3 times
    assertEquals(3, backend.attempts.get());
    assertEquals(2, Diagnostics.operation("it_flaky").orElseThrow().retries());
    assertEquals(1, Diagnostics.operation("it_flaky").orElseThrow().calls());

    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> backend.never().get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof AsyncTimeoutException, String.valueOf(e.getCause()));
  }
}
