package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a pipeline job's script sees, the same on the stack (the scheduler hands them to
 * the runner) and in {@code gort run --local}: the pipeline's name, the run's number and id, the
 * job's stage, name and attempt (the step's: 2 for its first retry), the commit and repository when
 * the run names them, and the last message sent to the step (the answer to its {@code input}
 * prompt). Runners add their own {@code GORT_*} variables beside these.
 */
public final class JobVariables {

  public static final String PIPELINE = "PIPELINE_NAME";
  public static final String RUN = "PIPELINE_RUN";
  public static final String RUN_ID = "PIPELINE_RUN_ID";
  public static final String STAGE = "PIPELINE_STAGE";
  public static final String JOB = "PIPELINE_JOB";
  public static final String ATTEMPT = "PIPELINE_JOB_ATTEMPT";
  public static final String COMMIT = "PIPELINE_COMMIT";
  public static final String REPOSITORY = "PIPELINE_REPOSITORY";
  public static final String INPUT = "PIPELINE_INPUT";

  private JobVariables() {}

  /**
   * The variables of attempt {@code attempt} of {@code job} in run {@code number} ({@code runId})
   * of {@code pipeline}; {@code commit} and {@code repository} may be null.
   */
  public static Map<String, String> of(
      String pipeline,
      int number,
      String runId,
      JobSpec job,
      int attempt,
      String commit,
      String repository,
      List<StepMessage> messages) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PIPELINE, pipeline);
    env.put(RUN, Integer.toString(number));
    env.put(RUN_ID, runId);
    env.put(STAGE, job.stage());
    env.put(JOB, job.name());
    env.put(ATTEMPT, Integer.toString(attempt));
    if (commit != null) {
      env.put(COMMIT, commit);
    }
    if (repository != null) {
      env.put(REPOSITORY, repository);
    }
    if (!messages.isEmpty()) {
      env.put(INPUT, messages.get(messages.size() - 1).text());
    }
    return env;
  }
}
