package dev.fftt.samples.agent;

/** The states an agent moves through while it handles a request. */
public enum AgentState {
  IDLE, PROCESSING, VALIDATING, COMPLETE, ERROR
}
