package dev.fftt.agent.it.app;

import com.sun.tools.attach.VirtualMachine;

/** Attaches the agent jar to this JVM (needs -Djdk.attach.allowAttachSelf=true). */
final class SelfAttacher {

  private SelfAttacher() {}

  /** Attaches; returns null on success, else what failed. */
  static String attach(String options) {
    String jar = System.getProperty("fftt.agent.jar");
    try {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
      try {
        vm.loadAgent(jar, options);
      } finally {
        vm.detach();
      }
      return null;
    } catch (Exception e) {
      return e.toString();
    }
  }
}
