package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.run.JobVariables;
import dev.gort.common.pipeline.run.StepMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runner settings a pipeline job is handed over with. Only runner {@code local} runs a job's
 * script (its {@code commands}); the other runners run what their own settings name, not a script,
 * so a pipeline job on one of them is refused when the run is asked for ({@link
 * #refusal(JobSpec)}). The pipeline's names reach the script as environment variables {@code
 * PIPELINE_*} ({@link JobVariables}): the local runner keeps {@code GORT_*} for its own.
 */
final class PipelineJobSettings {

  /** Runners that run a job's script. */
  static final Set<String> SCRIPT_RUNNERS = Set.of(JobSpec.DEFAULT_RUNNER);

  private PipelineJobSettings() {}

  /** Why {@code job} cannot run as a pipeline job; null when it can. */
  static String refusal(JobSpec job) {
    if (SCRIPT_RUNNERS.contains(job.runner())) {
      return null;
    }
    return "job "
        + job.name()
        + ": runner "
        + job.runner()
        + " does not run a pipeline job's script; pipeline jobs run on: "
        + String.join(", ", SCRIPT_RUNNERS.stream().sorted().toList());
  }

  /**
   * The settings of attempt {@code attempt} of {@code job} in run {@code number} of the pipeline:
   * its script, its {@link JobVariables} as {@code env}, its timeout ({@link
   * JobSpec#DEFAULT_TIMEOUT} when it names none) and image.
   */
  static Map<String, Object> of(
      String pipeline,
      int number,
      String runId,
      JobSpec job,
      int attempt,
      String commit,
      String repository,
      List<StepMessage> messages) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("commands", new ArrayList<>(job.script()));
    settings.put(
        "env",
        new LinkedHashMap<String, Object>(
            JobVariables.of(pipeline, number, runId, job, attempt, commit, repository, messages)));
    // always said, so the runner enforces the same default as gort run --local and the gateway's
    // deadline counts from it
    settings.put(
        "timeout", (job.timeout() == null ? JobSpec.DEFAULT_TIMEOUT : job.timeout()).toString());
    if (job.image() != null) {
      settings.put("image", job.image());
    }
    return settings;
  }
}
