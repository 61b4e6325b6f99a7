package dev.gort.gateway.runner;

import java.util.Map;

/**
 * What a runner needs to run one attempt, and where to report.
 *
 * @param attemptId Gort's id of the attempt: unique, the same on every try to hand it over, so a
 *     runner with idempotency keys (or a way to find a job by name) never starts it twice
 * @param callbackUrl where the job reports, for {@link CallbackStyle#PER_JOB} runners (carries the
 *     attempt and its token); null for {@link CallbackStyle#PER_RUNNER} ones
 * @param settings the settings {@link Runner#checkSettings} returned for the run
 * @param handedOverBefore whether an earlier try may have reached the runner (its answer was lost):
 *     a runner that can find that job again should answer with it instead of starting another
 */
public record DispatchRequest(
    String attemptId,
    String runId,
    int attempt,
    String experiment,
    String revision,
    RunKind kind,
    String callbackUrl,
    Map<String, Object> settings,
    boolean handedOverBefore) {

  public DispatchRequest {
    settings = settings == null ? Map.of() : settings;
  }

  /** A setting as text, or null when it is absent. */
  public String setting(String name) {
    Object value = settings.get(name);
    return value == null ? null : value.toString();
  }
}
