package dev.gort.gateway.runner;

/** Settings a runner cannot run with; the message names the setting and what it expects. */
public class InvalidSettingsException extends RuntimeException {

  public InvalidSettingsException(String message) {
    super(message);
  }
}
