package dev.gort.cli.local;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.run.StepMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local job's commands see: the user's {@code PATH}, {@code HOME} and locale (they run the
 * user's own tools), the run's facts as {@code GORT_*} variables, and nothing else of gort's
 * environment (which may hold {@code GORT_TOKEN}). {@code GORT_PROJECT_DIR} is the folder gort was
 * started in: the commands run in a fresh empty folder of their own and {@code cd} there to build.
 */
final class JobEnvironment {

  private static final List<String> FROM_HOST =
      List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TERM");
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private JobEnvironment() {}

  static Map<String, String> of(
      LocalRun.Request request, JobSpec job, int attempt, List<StepMessage> messages) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : FROM_HOST) {
      String value = request.hostEnv().get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.put("GORT_PIPELINE", request.spec().name());
    env.put("GORT_JOB", job.name());
    env.put("GORT_STAGE", job.stage());
    env.put("GORT_ATTEMPT", Integer.toString(attempt));
    env.put("GORT_KIND", job.kind());
    env.put("GORT_PROJECT_DIR", request.projectDir().toString());
    if (request.commit() != null) {
      env.put("GORT_COMMIT", request.commit());
    }
    if (request.repository() != null) {
      env.put("GORT_REPOSITORY", request.repository());
    }
    if (!messages.isEmpty()) {
      env.put("GORT_INPUT", messages.get(messages.size() - 1).text());
    }
    return env;
  }
}
