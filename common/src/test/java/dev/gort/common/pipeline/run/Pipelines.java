package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.AllowFailure;
import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.RetryPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pipelines built as the parser would hand them over, without the parser. */
final class Pipelines {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private Pipelines() {}

  static Job job(String name, String stage) {
    return new Job(name, stage);
  }

  static PipelineSpec pipeline(List<String> stages, Job... jobs) {
    Map<String, JobSpec> byName = new LinkedHashMap<>();
    for (Job job : jobs) {
      byName.put(job.name, job.build());
    }
    return new PipelineSpec("demo", stages, byName);
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static JobResult success() {
    return JobResult.success();
  }

  static JobResult scriptFailure(int exitCode) {
    return JobResult.failure(exitCode, FailureClass.SCRIPT_FAILURE, "exit " + exitCode);
  }

  static JobResult runnerFailure() {
    return JobResult.failure(null, FailureClass.RUNNER_SYSTEM_FAILURE, "runner lost");
  }

  static final class Job {
    private final String name;
    private final String stage;
    private List<String> needs;
    private AllowFailure allowFailure = AllowFailure.NONE;
    private RetryPolicy retry = RetryPolicy.NONE;
    private Map<String, String> tags = Map.of();
    private List<String> onSuccess = List.of();
    private List<String> onFailure = List.of();
    private String input;

    private Job(String name, String stage) {
      this.name = name;
      this.stage = stage;
    }

    Job needs(String... needs) {
      this.needs = List.of(needs);
      return this;
    }

    Job allowFailure() {
      this.allowFailure = AllowFailure.ANY;
      return this;
    }

    Job allowExitCodes(Integer... codes) {
      this.allowFailure = new AllowFailure(false, Set.of(codes));
      return this;
    }

    Job retry(int max, FailureClass... when) {
      this.retry = new RetryPolicy(max, Set.of(when));
      return this;
    }

    Job tags(Map<String, String> tags) {
      this.tags = tags;
      return this;
    }

    Job onSuccess(String... jobs) {
      this.onSuccess = List.of(jobs);
      return this;
    }

    Job onFailure(String... jobs) {
      this.onFailure = List.of(jobs);
      return this;
    }

    Job input(String prompt) {
      this.input = prompt;
      return this;
    }

    JobSpec build() {
      return new JobSpec(
          name,
          stage,
          JobSpec.DEFAULT_RUNNER,
          JobSpec.DEFAULT_KIND,
          null,
          List.of("./" + name + ".sh"),
          needs,
          allowFailure,
          null,
          retry,
          tags,
          onSuccess,
          onFailure,
          input);
    }
  }
}
