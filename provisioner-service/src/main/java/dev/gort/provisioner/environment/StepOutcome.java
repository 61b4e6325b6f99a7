package dev.gort.provisioner.environment;

import java.time.Duration;

/** What came of running an environment's current step once. */
public sealed interface StepOutcome {

  /** What the step found, in a line, for the step's record. */
  String found();

  /** The step is done: on to the next one. */
  record Done(String found) implements StepOutcome {}

  /** The step waits on the cloud (a lease activating, a server building): look again later. */
  record Wait(Duration after, String found) implements StepOutcome {}

  /** The step's calls failed for a reason that can pass: try again with back-off. */
  record Retry(String found) implements StepOutcome {}

  /** The step failed for good (the seed's failure points): tear down, end FAILED. */
  record Fail(String found) implements StepOutcome {}

  static Done done(String found) {
    return new Done(found);
  }

  static Wait waitFor(Duration after, String found) {
    return new Wait(after, found);
  }

  static Fail fail(String found) {
    return new Fail(found);
  }
}
