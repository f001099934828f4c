package dev.fftt.agent.it.app;

import dev.fftt.runtime.Diagnostics;

/** Loads the runtime (from the class path) before an attach. */
final class RuntimeToucher {

  private RuntimeToucher() {}

  static void touch() {
    Diagnostics.reset();
    Report.line("TOUCHED runtime from " + Diagnostics.class.getClassLoader());
  }
}
