package dev.gort.gateway.runner;

/** Where a runner's reports arrive. */
public enum CallbackStyle {
  /**
   * At a URL Gort gives each job: {@code /api/v1/callbacks/{code}/{kind}?attempt=…&token=…}, the
   * token a secret of that job alone. Runners that take a callback URL per job (sim, TuxSuite, the
   * local runner agent).
   */
  PER_JOB,
  /**
   * At one URL per runner, {@code /api/v1/callbacks/{code}}, for every job, with no token: the
   * report names its job, and the signature is the runner installation's (GitHub webhooks).
   */
  PER_RUNNER
}
