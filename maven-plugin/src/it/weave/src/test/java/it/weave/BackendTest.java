package it.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendTest {

  @Test
  void wovenWithoutAnAgent() throws Exception {
    assertNull(System.getProperty("fftt.agent.installed"), "no agent in this JVM");
    Backend backend = new Backend();

    assertEquals("ok after 3", backend.flaky().get(5, TimeUnit.SECONDS));
    assertEquals(2, Diagnostics.operation("it_flaky").orElseThrow().retries());

    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> backend.never().get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof AsyncTimeoutException, String.valueOf(e.getCause()));
  }
}
