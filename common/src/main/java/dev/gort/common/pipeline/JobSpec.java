package dev.gort.common.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One job of a pipeline: a step (seed 001) with its own state machine.
 *
 * @param name unique in the pipeline
 * @param stage one of the pipeline's stages
 * @param runner runner code; {@code local} when the file gives none
 * @param kind {@code test}, {@code build} or {@code boot}; {@code test} when the file gives none
 * @param image container image, used where a container engine exists; null when none
 * @param script commands run in sequence; never empty
 * @param needs jobs that must have finished well first; null when the file has no {@code needs}
 *     (then every job of the earlier stages), empty for {@code needs: []} (starts at once)
 * @param allowFailure which failures do not fail the pipeline
 * @param timeout how long one attempt may run; null for the runner's default
 * @param retry automatic re-runs by failure class
 * @param tags key=value labels that step actions select by
 * @param onSuccess jobs this job's success starts (seed 001's success pairs)
 * @param onFailure jobs this job's failure starts (failure pairs: clean-up or remediation)
 * @param input a prompt: when reached, the step waits for a message (send-message) before it runs;
 *     null when the job needs no input
 */
public record JobSpec(
    String name,
    String stage,
    String runner,
    String kind,
    String image,
    List<String> script,
    List<String> needs,
    AllowFailure allowFailure,
    Duration timeout,
    RetryPolicy retry,
    Map<String, String> tags,
    List<String> onSuccess,
    List<String> onFailure,
    String input) {

  public static final String DEFAULT_RUNNER = "local";
  public static final String DEFAULT_KIND = "test";

  /** How long an attempt of a job that names no {@code timeout} may run, here and on the stack. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  public JobSpec {
    script = List.copyOf(script);
    needs = needs == null ? null : List.copyOf(needs);
    allowFailure = allowFailure == null ? AllowFailure.NONE : allowFailure;
    retry = retry == null ? RetryPolicy.NONE : retry;
    tags =
        tags == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    onSuccess = onSuccess == null ? List.of() : List.copyOf(onSuccess);
    onFailure = onFailure == null ? List.of() : List.copyOf(onFailure);
  }
}
