package dev.fftt.agent.it.app.plugin;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** Loaded by a plugin class loader of its own. Test fixture: refers to the annotations only. */
public class PluginService {

  @AsyncMonitor("it_plugin_slow")
  @WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> slow() {
    return new CompletableFuture<>();
  }
}
