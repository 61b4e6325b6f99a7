package dev.gort.localrunner.job;

/** As many jobs run as the agent takes at once (429 with Retry-After): nothing was started. */
public class AgentBusyException extends RuntimeException {

  public AgentBusyException(String message) {
    super(message);
  }
}
