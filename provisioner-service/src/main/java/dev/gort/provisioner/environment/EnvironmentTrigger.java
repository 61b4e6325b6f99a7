package dev.gort.provisioner.environment;

/** What moves an environment from one state to the next ({@link EnvironmentLifecycle}). */
public enum EnvironmentTrigger {
  START,
  PROVISIONED,
  FAIL,
  CANCEL,
  CLEANED
}
