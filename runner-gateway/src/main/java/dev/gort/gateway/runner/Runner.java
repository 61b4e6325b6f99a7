package dev.gort.gateway.runner;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One runner Gort hands jobs to (seed 002): asynchronous, known by a unique code, returning its own
 * job id for every job and reporting the job's end to a callback. One implementation per runner
 * code, each in its own package under {@code dev.gort.gateway.runner}; {@code docs/runners.md} says
 * how to add one. Implementations are {@code @ApplicationScoped} beans; the {@link RunnerRegistry}
 * finds them.
 *
 * <p>Every call to the runner is made outside any transaction: the gateway claims the work, calls,
 * and records the answer under its claim.
 */
public interface Runner {

  /** The runner's unique code, e.g. {@code github-actions}: in URLs, events and settings. */
  String code();

  /** What the runner can do. */
  Set<RunKind> kinds();

  /**
   * Why the runner cannot be used here (a token or secret not configured, say), or empty when it
   * can. An unconfigured runner is listed but takes no runs.
   */
  Optional<String> unconfiguredReason();

  /** How the runner's reports reach Gort. */
  CallbackStyle callbackStyle();

  /**
   * Checks an experiment's settings for {@code kind}, over the runner's configured defaults.
   *
   * @param requested the settings as the owner wrote them (JSON values), never null
   * @return the settings every job of that kind is dispatched with: the defaults with {@code
   *     requested} over them, normalised; what {@link DispatchRequest#settings()} carries later
   * @throws InvalidSettingsException naming the setting at fault and what it expects
   */
  Map<String, Object> checkSettings(RunKind kind, Map<String, Object> requested);

  /**
   * Hands a job to the runner.
   *
   * @return the runner's own id of the job
   * @throws RunnerUnavailableException the runner cannot take it now: tried again with back-off
   * @throws RunnerRateLimitedException the runner asks Gort to wait: tried again then, the try not
   *     counted
   * @throws JobRejectedException the runner refused the job as invalid: the attempt ends at once
   */
  String dispatch(DispatchRequest request);

  /**
   * Halts a job. A job the runner no longer knows, or that already ended, counts as halted.
   *
   * @return what the runner answered, for the record
   * @throws RunnerUnavailableException the runner cannot be reached now (tried again later)
   */
  String cancel(RunnerJob job);

  /**
   * Asks the runner how a job is doing (a status poll, sent once the attempt is overdue).
   *
   * @return the runner's answer; a job the runner does not know is an answer too
   * @throws RunnerUnavailableException the runner does not answer (unreachable, 5xx, too slow)
   */
  RunnerJobStatus status(RunnerJob job);

  /**
   * Verifies a callback request the way this runner signs it, before parsing anything, then parses
   * it.
   *
   * @return what the runner reports, or why the delivery is none of Gort's business ({@link
   *     RunnerReport#ignored})
   * @throws CallbackRejectedException a missing or wrong signature (401) or a malformed body (400)
   */
  RunnerReport verify(CallbackRequest request);
}
