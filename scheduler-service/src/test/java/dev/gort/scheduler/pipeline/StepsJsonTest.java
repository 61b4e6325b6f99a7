package dev.gort.scheduler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.Dispatch;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.SkipCause;
import dev.gort.common.pipeline.run.Step;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepAttempt;
import dev.gort.common.pipeline.run.StepMessage;
import dev.gort.common.pipeline.run.StepSelector;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsJsonTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

  private static final String PIPELINE =
      """
      pipeline: demo
      stages: [build, test]
      jobs:
        compile: {stage: build, script: [make]}
        unit:
          stage: test
          needs: [compile]
          script: [make test]
          retry: {max: 1, when: [script_failure]}
        lint: {stage: test, allow_failure: true, script: [make lint], on_failure: report}
        report: {stage: test, script: [./report.sh]}
        approve: {stage: test, needs: [], script: [ok], input: "Go?"}
      """;

  @Test
  void everyStepFieldSurvivesTheRoundTrip() {
    List<Step> steps =
        List.of(
            Step.restore(
                "compile",
                StepState.PAUSED,
                List.of(
                    new StepAttempt(
                        1,
                        T0,
                        T0.plusSeconds(3),
                        JobResult.failure(2, FailureClass.SCRIPT_FAILURE, "exit 2"),
                        false),
                    new StepAttempt(2, T0.plusSeconds(4), null, null, true)),
                true,
                JobResult.success(),
                StepState.MARKED_TO_PAUSE,
                SkipCause.NEED_FAILED,
                "needs x, which failed",
                List.of(new StepMessage("alice", "go on", T0.plusSeconds(9)))),
            Step.ready("unit"));

    List<Step> back = StepsJson.read(StepsJson.write(steps));

    assertThat(back).hasSize(2);
    Step first = back.get(0);
    Step original = steps.get(0);
    assertThat(first.job()).isEqualTo(original.job());
    assertThat(first.state()).isEqualTo(original.state());
    assertThat(first.attempts()).isEqualTo(original.attempts());
    assertThat(first.allowedFailure()).isTrue();
    assertThat(first.pendingResult()).isEqualTo(original.pendingResult());
    assertThat(first.markedFrom()).isEqualTo(StepState.MARKED_TO_PAUSE);
    assertThat(first.skipCause()).isEqualTo(SkipCause.NEED_FAILED);
    assertThat(first.skipReason()).isEqualTo("needs x, which failed");
    assertThat(first.messages()).isEqualTo(original.messages());
    assertThat(back.get(1).state()).isEqualTo(StepState.READY);
    assertThat(back.get(1).attempts()).isEmpty();
    assertThat(StepsJson.write(back)).isEqualTo(StepsJson.write(steps));
  }

  @Test
  void restoredEngineDecidesAsTheSavedOne() {
    PipelineSpec spec = new PipelineParser().parse(PIPELINE);
    RunOptions options = new RunOptions(2, false);
    PipelineEngine engine = PipelineEngine.create(spec, options);
    engine.apply(StepAction.START, StepSelector.ALL, false, "alice", null, T0);
    List<Dispatch> first = engine.advance(T0).dispatched();
    assertThat(first).extracting(Dispatch::job).containsExactly("compile");
    engine.onResult("compile", 1, JobResult.success(), T0.plusSeconds(1));
    engine.advance(T0.plusSeconds(1));
    engine.apply(StepAction.SEND_MESSAGE, StepSelector.ids("approve"), false, "alice", "yes", T0);

    PipelineEngine restored =
        PipelineEngine.restore(spec, options, StepsJson.read(StepsJson.write(engine.steps())));

    assertThat(restored.status()).isEqualTo(engine.status());
    assertThat(restored.context()).isEqualTo(engine.context());
    assertThat(StepsJson.write(restored.steps())).isEqualTo(StepsJson.write(engine.steps()));
    Instant later = T0.plusSeconds(2);
    assertThat(restored.advance(later)).isEqualTo(engine.advance(later));
    assertThat(StepsJson.write(restored.steps())).isEqualTo(StepsJson.write(engine.steps()));
  }
}
