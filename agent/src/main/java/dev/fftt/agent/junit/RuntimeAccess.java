package dev.fftt.agent.junit;

import dev.fftt.runtime.Diagnostics;

/**
 * The extension's only use of the runtime, kept in its own class so that nothing loads a runtime
 * class before the agent has been attached (and has put the runtime on the boot class path).
 */
final class RuntimeAccess {

  private RuntimeAccess() {}

  static void resetDiagnostics() {
    Diagnostics.reset();
  }
}
