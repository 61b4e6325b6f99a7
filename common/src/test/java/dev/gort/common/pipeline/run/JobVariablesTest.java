package dev.gort.common.pipeline.run;

import static dev.gort.common.pipeline.run.Pipelines.at;
import static dev.gort.common.pipeline.run.Pipelines.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.pipeline.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobVariablesTest {

  private final JobSpec unit = job("unit", "test").build();

  @Test
  void aJobSeesItsRunStageNameAttemptCommitAndRepository() {
    assertThat(JobVariables.of("demo", 7, "run-1", unit, 2, "abc123", "gort/demo", List.of()))
        .containsExactly(
            java.util.Map.entry("PIPELINE_NAME", "demo"),
            java.util.Map.entry("PIPELINE_RUN", "7"),
            java.util.Map.entry("PIPELINE_RUN_ID", "run-1"),
            java.util.Map.entry("PIPELINE_STAGE", "test"),
            java.util.Map.entry("PIPELINE_JOB", "unit"),
            java.util.Map.entry("PIPELINE_JOB_ATTEMPT", "2"),
            java.util.Map.entry("PIPELINE_COMMIT", "abc123"),
            java.util.Map.entry("PIPELINE_REPOSITORY", "gort/demo"));
  }

  @Test
  void withoutCommitOrRepositoryTheirVariablesAreUnsetAndTheLastMessageIsTheInput() {
    List<StepMessage> messages =
        List.of(new StepMessage("alice", "first", at(1)), new StepMessage("bob", "v2", at(2)));

    assertThat(JobVariables.of("demo", 1, "demo#1", unit, 1, null, null, messages))
        .doesNotContainKeys("PIPELINE_COMMIT", "PIPELINE_REPOSITORY")
        .containsEntry("PIPELINE_INPUT", "v2");
  }
}
