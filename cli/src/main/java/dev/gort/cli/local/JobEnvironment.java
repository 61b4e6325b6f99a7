package dev.gort.cli.local;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.run.JobVariables;
import dev.gort.common.pipeline.run.StepMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local job's commands see: the user's {@code PATH}, {@code HOME} and locale (they run the
 * user's own tools), the run's facts as common's {@link JobVariables} ({@code PIPELINE_*}, the same
 * as a job on the stack sees), {@code GORT_KIND}, and nothing else of gort's environment (which may
 * hold {@code GORT_TOKEN}). {@code GORT_PROJECT_DIR} is the folder gort was started in: the
 * commands run in a fresh empty folder of their own and {@code cd} there to build.
 */
final class JobEnvironment {

  private static final List<String> FROM_HOST =
      List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TERM");
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private JobEnvironment() {}

  /** The environment of attempt {@code attempt} of {@code job} in local run {@code number}. */
  static Map<String, String> of(
      LocalRun.Request request, int number, JobSpec job, int attempt, List<StepMessage> messages) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : FROM_HOST) {
      String value = request.hostEnv().get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
    String pipeline = request.spec().name();
    env.putAll(
        JobVariables.of(
            pipeline,
            number,
            pipeline + "#" + number,
            job,
            attempt,
            request.commit(),
            request.repository(),
            messages));
    env.put("GORT_KIND", job.kind());
    env.put("GORT_PROJECT_DIR", request.projectDir().toString());
    return env;
  }
}
