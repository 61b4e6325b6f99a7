package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The runner settings a pipeline job is handed over with. Only runner {@code local} runs a job's
 * script (its {@code commands}); the other runners run what their own settings name, not a script,
 * so a pipeline job on one of them is refused when the run is asked for ({@link
 * #refusal(JobSpec)}). The pipeline's names reach the script as environment variables {@code
 * PIPELINE_*}: the local runner keeps {@code GORT_*} for its own.
 */
final class PipelineJobSettings {

  /** Runners that run a job's script. */
  static final Set<String> SCRIPT_RUNNERS = Set.of(JobSpec.DEFAULT_RUNNER);

  static final String ENV_PIPELINE = "PIPELINE_NAME";
  static final String ENV_RUN = "PIPELINE_RUN";
  static final String ENV_RUN_ID = "PIPELINE_RUN_ID";
  static final String ENV_JOB = "PIPELINE_JOB";
  static final String ENV_ATTEMPT = "PIPELINE_JOB_ATTEMPT";

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
   * The settings of attempt {@code attempt} of {@code job} in run {@code number} of the pipeline.
   */
  static Map<String, Object> of(
      String pipeline, int number, String runId, JobSpec job, int attempt) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("commands", new ArrayList<>(job.script()));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put(ENV_PIPELINE, pipeline);
    env.put(ENV_RUN, String.valueOf(number));
    env.put(ENV_RUN_ID, runId);
    env.put(ENV_JOB, job.name());
    env.put(ENV_ATTEMPT, String.valueOf(attempt));
    settings.put("env", env);
    if (job.timeout() != null) {
      settings.put("timeout", job.timeout().toString());
    }
    if (job.image() != null) {
      settings.put("image", job.image());
    }
    return settings;
  }
}
