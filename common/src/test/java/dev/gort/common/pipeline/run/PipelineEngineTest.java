package dev.gort.common.pipeline.run;

import static dev.gort.common.pipeline.run.Pipelines.at;
import static dev.gort.common.pipeline.run.Pipelines.job;
import static dev.gort.common.pipeline.run.Pipelines.pipeline;
import static dev.gort.common.pipeline.run.Pipelines.runnerFailure;
import static dev.gort.common.pipeline.run.Pipelines.scriptFailure;
import static dev.gort.common.pipeline.run.Pipelines.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineEngineTest {

  /** The issue's example pipeline. */
  private static final PipelineSpec ISSUE_EXAMPLE =
      pipeline(
          List.of("build", "test"),
          job("compile", "build"),
          job("unit", "test").needs("compile").retry(1, FailureClass.RUNNER_SYSTEM_FAILURE),
          job("lint", "test").allowFailure().onFailure("report-lint"),
          job("report-lint", "test"));

  private static PipelineEngine started(PipelineSpec spec, RunOptions options) {
    PipelineEngine engine = PipelineEngine.create(spec, options);
    engine.apply(StepAction.START, StepSelector.ALL, false, "alice", null, at(0));
    return engine;
  }

  private static PipelineEngine started(PipelineSpec spec) {
    return started(spec, RunOptions.DEFAULT);
  }

  private static List<String> dispatchedJobs(AdvanceOutcome outcome) {
    return outcome.dispatched().stream().map(Dispatch::job).toList();
  }

  private static void finish(PipelineEngine engine, String job, JobResult result) {
    ResultOutcome outcome = engine.onResult(job, engine.step(job).attemptCount(), result, at(60));
    assertThat(outcome.handling()).as(job).isEqualTo(ResultOutcome.Handling.APPLIED);
  }

  @Test
  void newRunIsNotStartedUntilStart() {
    PipelineEngine engine = PipelineEngine.create(ISSUE_EXAMPLE, RunOptions.DEFAULT);

    assertThat(engine.status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(engine.advance(at(0)).changedAnything()).isFalse();

    ActionOutcome start = engine.apply(StepAction.START, StepSelector.ALL, false, "a", null, at(0));
    assertThat(start.changed()).containsExactly("compile", "unit", "lint", "report-lint");
    assertThat(engine.status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void stagesRunInOrder() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);

    AdvanceOutcome first = engine.advance(at(1));
    assertThat(first.dispatched()).containsExactly(new Dispatch("compile", 1));
    assertThat(engine.step("unit").state()).isEqualTo(StepState.WAITING);
    assertThat(engine.step("compile").attempts())
        .containsExactly(new StepAttempt(1, at(1), null, null, false));

    finish(engine, "compile", success());
    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("unit", "lint");
  }

  @Test
  void jobsOfAStageRunInParallelUpToMaxParallel() {
    PipelineSpec spec =
        pipeline(List.of("test"), job("a", "test"), job("b", "test"), job("c", "test"));
    PipelineEngine engine = started(spec, new RunOptions(2, false));

    assertThat(dispatchedJobs(engine.advance(at(1)))).containsExactly("a", "b");
    assertThat(engine.advance(at(2)).changedAnything()).isFalse();

    finish(engine, "b", success());
    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("c");
  }

  @Test
  void aStepMarkedToPauseKeepsItsSlot() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"), job("b", "test"));
    PipelineEngine engine = started(spec, new RunOptions(1, false));
    engine.advance(at(1));

    engine.apply(StepAction.PAUSE, StepSelector.ids("a"), false, "alice", null, at(2));

    assertThat(engine.step("a").state()).isEqualTo(StepState.MARKED_TO_PAUSE);
    assertThat(engine.advance(at(3)).dispatched()).isEmpty();
    assertThat(engine.status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void emptyNeedsStartAtOnceAndNamedNeedsWaitOnlyForThose() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test"),
            job("compile", "build"),
            job("docs", "build"),
            job("smoke", "test").needs(),
            job("unit", "test").needs("compile"),
            job("all", "test"));
    PipelineEngine engine = started(spec);

    assertThat(dispatchedJobs(engine.advance(at(1)))).containsExactly("compile", "docs", "smoke");

    finish(engine, "compile", success());
    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("unit");

    finish(engine, "docs", success());
    assertThat(dispatchedJobs(engine.advance(at(62)))).containsExactly("all");
  }

  @Test
  void allowedFailureLetsDependentsRunAndTheRunSucceed() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test"), job("compile", "build").allowFailure(), job("unit", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "compile", scriptFailure(2));

    assertThat(engine.step("compile").state()).isEqualTo(StepState.FAILED);
    assertThat(engine.step("compile").allowedFailure()).isTrue();
    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("unit");
    finish(engine, "unit", success());
    assertThat(engine.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void allowedExitCodesTolerateOnlyThoseCodes() {
    PipelineSpec spec =
        pipeline(
            List.of("test"),
            job("a", "test").allowExitCodes(1, 137),
            job("b", "test").allowExitCodes(1, 137));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "a", scriptFailure(137));
    finish(engine, "b", scriptFailure(2));

    assertThat(engine.step("a").allowedFailure()).isTrue();
    assertThat(engine.step("b").allowedFailure()).isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void retryRunsAgainForItsFailureClassAndKeepsTheAttempts() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    finish(engine, "compile", success());
    engine.advance(at(2));

    finish(engine, "unit", runnerFailure());

    assertThat(engine.step("unit").state()).isEqualTo(StepState.WAITING);
    assertThat(engine.advance(at(70)).dispatched()).contains(new Dispatch("unit", 2));
    finish(engine, "unit", runnerFailure());
    assertThat(engine.step("unit").state()).isEqualTo(StepState.FAILED);
    assertThat(engine.step("unit").attempts())
        .extracting(StepAttempt::number, a -> a.result().failure())
        .containsExactly(
            tuple(1, FailureClass.RUNNER_SYSTEM_FAILURE),
            tuple(2, FailureClass.RUNNER_SYSTEM_FAILURE));
  }

  @Test
  void aFailureOfAnotherClassIsNotRetried() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    finish(engine, "compile", success());
    engine.advance(at(2));

    finish(engine, "unit", scriptFailure(1));

    assertThat(engine.step("unit").state()).isEqualTo(StepState.FAILED);
    assertThat(engine.step("unit").attemptCount()).isEqualTo(1);
  }

  @Test
  void retryUpToMaxThenFail() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test").retry(2));
    PipelineEngine engine = started(spec);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(engine.advance(at(attempt)).dispatched())
          .containsExactly(new Dispatch("a", attempt));
      finish(engine, "a", scriptFailure(1));
    }

    assertThat(engine.step("a").state()).isEqualTo(StepState.FAILED);
    assertThat(engine.step("a").attemptCount()).isEqualTo(3);
    assertThat(engine.advance(at(9)).changedAnything()).isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void lintFailingAsAllowedRunsReportLint() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    finish(engine, "compile", success());
    engine.advance(at(2));

    finish(engine, "lint", scriptFailure(1));

    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("report-lint");
    finish(engine, "report-lint", success());
    finish(engine, "unit", success());
    assertThat(engine.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aLinkedJobWhoseLinkNeverFiresIsSkipped() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    finish(engine, "compile", success());
    assertThat(dispatchedJobs(engine.advance(at(2)))).containsExactly("unit", "lint");

    finish(engine, "lint", success());
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped())
        .containsExactly(
            new SkippedStep(
                "report-lint", SkipCause.LINK_NOT_FIRED, "no link to it fired: lint succeeded"));
    finish(engine, "unit", success());
    assertThat(engine.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void onSuccessLinkRunsItsTargetOnlyAfterSuccess() {
    PipelineSpec spec =
        pipeline(
            List.of("test", "deploy"),
            job("e2e", "test").onSuccess("release"),
            job("release", "deploy"),
            job("after", "deploy").needs("release"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "e2e", success());

    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("release");
  }

  @Test
  void aLinkNotFiringDoesNotHoldBackWhatComesAfter() {
    PipelineSpec spec =
        pipeline(
            List.of("test", "deploy"),
            job("e2e", "test").allowFailure().onSuccess("release"),
            job("release", "test"),
            job("notify", "deploy"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "e2e", scriptFailure(1));
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped()).extracting(SkippedStep::job).containsExactly("release");
    assertThat(dispatchedJobs(outcome)).containsExactly("notify");
  }

  @Test
  void aCleanUpInALaterStageRunsAfterAFailure() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test", "cleanup"),
            job("compile", "build").onFailure("clean"),
            job("unit", "test"),
            job("clean", "cleanup"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "compile", scriptFailure(2));
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped())
        .containsExactly(
            new SkippedStep("unit", SkipCause.NEED_FAILED, "needs compile, which failed"));
    assertThat(dispatchedJobs(outcome)).containsExactly("clean");
    finish(engine, "clean", success());
    assertThat(engine.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void dependentsOfAFailedJobAreSkippedAndOtherBranchesGoOn() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test", "deploy"),
            job("compile", "build").needs(),
            job("docs", "build").needs(),
            job("unit", "test").needs("compile"),
            job("deploy", "deploy").needs("unit"),
            job("publish-docs", "deploy").needs("docs"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    finish(engine, "compile", scriptFailure(1));
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped())
        .containsExactly(
            new SkippedStep("unit", SkipCause.NEED_FAILED, "needs compile, which failed"),
            new SkippedStep("deploy", SkipCause.NEED_FAILED, "needs unit, which was skipped"));
    assertThat(engine.status()).isEqualTo(RunStatus.RUNNING);
    finish(engine, "docs", success());
    assertThat(dispatchedJobs(engine.advance(at(62)))).containsExactly("publish-docs");
    finish(engine, "publish-docs", success());
    assertThat(engine.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aStepSkippedByTheUserCountsAsSettledWell() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test", "deploy"),
            job("compile", "build"),
            job("unit", "test"),
            job("deploy", "deploy"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    ActionOutcome skip =
        engine.apply(StepAction.SKIP, StepSelector.ids("unit"), false, "bob", null, at(2));
    assertThat(skip.changed()).containsExactly("unit");
    assertThat(engine.step("unit").markedFrom()).isEqualTo(StepState.WAITING);
    assertThat(engine.advance(at(3)).skipped()).isEmpty();

    finish(engine, "compile", success());
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped())
        .containsExactly(new SkippedStep("unit", SkipCause.BY_USER, "skipped by bob"));
    assertThat(dispatchedJobs(outcome)).containsExactly("deploy");
  }

  @Test
  void aStepMarkedToSkipWhoseNeedFailedHoldsItsDependentsBack() {
    PipelineSpec spec =
        pipeline(
            List.of("build", "test", "deploy"),
            job("compile", "build"),
            job("unit", "test"),
            job("deploy", "deploy"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.SKIP, StepSelector.ids("unit"), false, "bob", null, at(2));

    finish(engine, "compile", scriptFailure(1));
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped())
        .extracting(SkippedStep::job, SkippedStep::cause)
        .containsExactly(
            tuple("unit", SkipCause.NEED_FAILED), tuple("deploy", SkipCause.NEED_FAILED));
  }

  @Test
  void unskipReturnsToTheStateItCameFrom() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.apply(StepAction.SKIP, StepSelector.ids("unit"), false, "bob", null, at(1));

    engine.apply(StepAction.UNSKIP, StepSelector.ids("unit"), false, "bob", null, at(2));

    Step unit = engine.step("unit");
    assertThat(unit.state()).isEqualTo(StepState.WAITING);
    assertThat(unit.markedFrom()).isNull();
    assertThat(unit.skipReason()).isNull();
  }

  @Test
  void aStepSkippedBeforeTheStartIsSkippedOnceTheRunReachesIt() {
    PipelineEngine engine = PipelineEngine.create(ISSUE_EXAMPLE, RunOptions.DEFAULT);
    engine.apply(StepAction.SKIP, StepSelector.ids("compile"), false, "bob", null, at(0));
    assertThat(engine.advance(at(0)).changedAnything()).isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.NOT_STARTED);

    ActionOutcome start = engine.apply(StepAction.START, StepSelector.ALL, false, "a", null, at(1));
    AdvanceOutcome outcome = engine.advance(at(1));

    assertThat(start.changed()).containsExactly("compile", "unit", "lint", "report-lint");
    assertThat(outcome.skipped()).extracting(SkippedStep::job).containsExactly("compile");
    assertThat(dispatchedJobs(outcome)).containsExactly("unit", "lint");
  }

  @Test
  void pauseOnFailureHoldsTheFailureUntilResumeAcceptsIt() {
    PipelineEngine engine = started(ISSUE_EXAMPLE, new RunOptions(0, true));
    engine.advance(at(1));

    finish(engine, "compile", scriptFailure(2));

    assertThat(engine.step("compile").state()).isEqualTo(StepState.PAUSED_DUE_TO_FAILURE);
    assertThat(engine.advance(at(61)).changedAnything()).isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.WAITING_FOR_USER);

    engine.apply(StepAction.RESUME, StepSelector.ids("compile"), false, "alice", null, at(62));
    AdvanceOutcome outcome = engine.advance(at(62));

    assertThat(engine.step("compile").state()).isEqualTo(StepState.FAILED);
    assertThat(engine.step("compile").allowedFailure()).isFalse();
    assertThat(outcome.skipped())
        .extracting(SkippedStep::job)
        .containsExactly("unit", "lint", "report-lint");
    assertThat(engine.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void pauseOnFailureThenRerunPassesAndTheStepIsFlaky() {
    PipelineEngine engine = started(ISSUE_EXAMPLE, new RunOptions(0, true));
    engine.advance(at(1));
    finish(engine, "compile", scriptFailure(2));

    engine.apply(StepAction.RERUN, StepSelector.ids("compile"), false, "alice", null, at(62));

    assertThat(engine.advance(at(63)).dispatched()).containsExactly(new Dispatch("compile", 2));
    finish(engine, "compile", success());
    assertThat(engine.isFlaky("compile")).isTrue();
    assertThat(engine.step("compile").attempts()).hasSize(2);
  }

  @Test
  void pauseOnFailureThenSkipLetsTheRunGoOn() {
    PipelineEngine engine = started(ISSUE_EXAMPLE, new RunOptions(0, true));
    engine.advance(at(1));
    finish(engine, "compile", scriptFailure(2));

    engine.apply(StepAction.SKIP, StepSelector.ids("compile"), false, "alice", null, at(62));

    assertThat(engine.step("compile").state()).isEqualTo(StepState.SKIPPED);
    assertThat(engine.step("compile").skipReason()).isEqualTo("skipped by alice");
    assertThat(dispatchedJobs(engine.advance(at(63)))).containsExactly("unit", "lint");
  }

  @Test
  void retriesAndAllowedFailuresComeBeforePauseOnFailure() {
    PipelineSpec spec =
        pipeline(List.of("test"), job("a", "test").retry(1), job("b", "test").allowFailure());
    PipelineEngine engine = started(spec, new RunOptions(0, true));
    engine.advance(at(1));

    finish(engine, "a", scriptFailure(1));
    finish(engine, "b", scriptFailure(1));

    assertThat(engine.step("a").state()).isEqualTo(StepState.WAITING);
    assertThat(engine.step("b").state()).isEqualTo(StepState.FAILED);
  }

  @Test
  void inputWaitsForAMessageThenRuns() {
    PipelineSpec spec =
        pipeline(List.of("deploy"), job("release", "deploy").input("Release to prod?").retry(1));
    PipelineEngine engine = started(spec);

    AdvanceOutcome reached = engine.advance(at(1));
    assertThat(reached.waitingForInput()).containsExactly("release");
    assertThat(reached.dispatched()).isEmpty();
    assertThat(engine.status()).isEqualTo(RunStatus.WAITING_FOR_USER);
    assertThat(engine.select(StepSelector.states(StepState.WAITING_FOR_INPUT)))
        .extracting(Step::job)
        .containsExactly("release");

    ActionOutcome noMessage =
        engine.apply(StepAction.SEND_MESSAGE, StepSelector.ALL, false, "alice", null, at(2));
    assertThat(noMessage.refused())
        .containsExactly(
            new Refusal("release", StepState.WAITING_FOR_INPUT, "send-message needs a message"));

    ActionOutcome sent =
        engine.apply(StepAction.SEND_MESSAGE, StepSelector.ALL, false, "alice", "yes", at(3));
    assertThat(sent.changed()).containsExactly("release");
    assertThat(engine.advance(at(4)).dispatched()).containsExactly(new Dispatch("release", 1));
    assertThat(engine.context().steps().get("release").messages())
        .containsExactly(new StepMessage("alice", "yes", at(3)));

    finish(engine, "release", scriptFailure(1));
    assertThat(engine.advance(at(70)).dispatched())
        .as("a retry does not ask again")
        .containsExactly(new Dispatch("release", 2));
  }

  @Test
  void flakyMeansAFailedAttemptFollowedByASuccessfulOne() {
    PipelineSpec spec =
        pipeline(
            List.of("test"),
            job("a", "test").retry(1),
            job("b", "test"),
            job("c", "test").retry(1));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    finish(engine, "a", scriptFailure(1));
    finish(engine, "b", success());
    finish(engine, "c", scriptFailure(1));
    engine.advance(at(61));
    finish(engine, "a", success());
    finish(engine, "c", scriptFailure(1));

    assertThat(engine.isFlaky("a")).isTrue();
    assertThat(engine.isFlaky("b")).isFalse();
    assertThat(engine.isFlaky("c")).isFalse();
  }

  @Test
  void duplicateResultChangesNothing() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test").retry(1));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    finish(engine, "a", success());
    List<StepAttempt> attempts = engine.step("a").attempts();

    ResultOutcome again = engine.onResult("a", 1, scriptFailure(1), at(70));

    assertThat(again.handling()).isEqualTo(ResultOutcome.Handling.DUPLICATE);
    assertThat(again.changedAnything()).isFalse();
    assertThat(engine.step("a").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(engine.step("a").attempts()).isEqualTo(attempts);
  }

  @Test
  void staleOrUnknownResultsChangeNothing() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"), job("b", "test"));
    PipelineEngine engine = started(spec, new RunOptions(1, false));
    engine.advance(at(1));

    assertThat(engine.onResult("a", 2, success(), at(2)).handling())
        .isEqualTo(ResultOutcome.Handling.STALE);
    assertThat(engine.onResult("a", 0, success(), at(2)).handling())
        .isEqualTo(ResultOutcome.Handling.STALE);
    assertThat(engine.onResult("b", 1, success(), at(2)).handling())
        .isEqualTo(ResultOutcome.Handling.STALE);
    assertThat(engine.onResult("nope", 1, success(), at(2)).handling())
        .isEqualTo(ResultOutcome.Handling.UNKNOWN_JOB);
    assertThat(engine.step("a").state()).isEqualTo(StepState.RUNNING);
    assertThat(engine.step("b").state()).isEqualTo(StepState.WAITING);
  }

  @Test
  void aResultAfterAnInterruptIsOnlyRecorded() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));

    ActionOutcome interrupt =
        engine.apply(StepAction.INTERRUPT, StepSelector.ALL, false, "alice", null, at(2));
    ResultOutcome late = engine.onResult("a", 1, scriptFailure(130), at(3));

    assertThat(interrupt.toHalt()).containsExactly("a");
    assertThat(late.handling()).isEqualTo(ResultOutcome.Handling.RECORDED_ONLY);
    assertThat(engine.step("a").state()).isEqualTo(StepState.INTERRUPTED);
    assertThat(engine.step("a").lastAttempt())
        .isEqualTo(new StepAttempt(1, at(1), at(3), scriptFailure(130), true));
    assertThat(engine.onResult("a", 1, scriptFailure(130), at(4)).handling())
        .isEqualTo(ResultOutcome.Handling.DUPLICATE);
  }

  @Test
  void interruptThenResumeRunsANewAttempt() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.INTERRUPT, StepSelector.ALL, false, "alice", null, at(2));
    assertThat(engine.status()).isEqualTo(RunStatus.WAITING_FOR_USER);

    engine.apply(StepAction.RESUME, StepSelector.ALL, false, "alice", null, at(3));

    assertThat(engine.advance(at(4)).dispatched()).containsExactly(new Dispatch("a", 2));
  }

  @Test
  void aStepMarkedToPauseHoldsItsResultUntilResumed() {
    PipelineSpec spec =
        pipeline(List.of("build", "test"), job("compile", "build"), job("unit", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.PAUSE, StepSelector.ids("compile"), false, "alice", null, at(2));

    finish(engine, "compile", success());

    assertThat(engine.step("compile").state()).isEqualTo(StepState.PAUSED);
    assertThat(engine.step("compile").pendingResult()).isEqualTo(success());
    assertThat(engine.advance(at(61)).changedAnything()).isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.WAITING_FOR_USER);

    engine.apply(StepAction.RESUME, StepSelector.ids("compile"), false, "alice", null, at(62));

    assertThat(engine.step("compile").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(engine.step("compile").pendingResult()).isNull();
    assertThat(dispatchedJobs(engine.advance(at(63)))).containsExactly("unit");
  }

  @Test
  void resumingAHeldFailureTakesTheRetryPath() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test").retry(1));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.PAUSE, StepSelector.ALL, false, "alice", null, at(2));
    finish(engine, "a", scriptFailure(1));

    engine.apply(StepAction.RESUME, StepSelector.ALL, false, "alice", null, at(62));

    assertThat(engine.step("a").state()).isEqualTo(StepState.WAITING);
    assertThat(engine.advance(at(63)).dispatched()).containsExactly(new Dispatch("a", 2));
  }

  @Test
  void rerunDiscardsAHeldResult() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.PAUSE, StepSelector.ALL, false, "alice", null, at(2));
    finish(engine, "a", scriptFailure(1));

    ActionOutcome rerun =
        engine.apply(StepAction.RERUN, StepSelector.ALL, false, "alice", null, at(62));

    assertThat(rerun.toHalt()).isEmpty();
    assertThat(engine.step("a").pendingResult()).isNull();
    assertThat(engine.advance(at(63)).dispatched()).containsExactly(new Dispatch("a", 2));
  }

  @Test
  void rerunOfAStepMarkedToPauseHaltsTheJobAndStartsANewAttempt() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    engine.apply(StepAction.PAUSE, StepSelector.ALL, false, "alice", null, at(2));

    ActionOutcome rerun =
        engine.apply(StepAction.RERUN, StepSelector.ALL, false, "alice", null, at(3));

    assertThat(rerun.toHalt()).containsExactly("a");
    assertThat(engine.step("a").attempts().get(0).interrupted()).isTrue();
    assertThat(engine.advance(at(4)).dispatched()).containsExactly(new Dispatch("a", 2));
    assertThat(engine.onResult("a", 1, scriptFailure(130), at(5)).handling())
        .isEqualTo(ResultOutcome.Handling.RECORDED_ONLY);
    assertThat(engine.step("a").state()).isEqualTo(StepState.RUNNING);
  }

  @Test
  void aStepSkippedWhileMarkedToPauseIsSkippedWhenItsJobEnds() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"), job("b", "test"));
    PipelineEngine engine = started(spec, new RunOptions(1, false));
    engine.advance(at(1));
    engine.apply(StepAction.PAUSE, StepSelector.ids("a"), false, "alice", null, at(2));

    ActionOutcome skip =
        engine.apply(StepAction.SKIP, StepSelector.ids("a"), false, "bob", null, at(3));

    assertThat(skip.toHalt()).isEmpty();
    assertThat(engine.advance(at(4)).changedAnything()).as("still holds its slot").isFalse();
    assertThat(engine.status()).isEqualTo(RunStatus.RUNNING);
    finish(engine, "a", success());
    assertThat(engine.step("a").state()).isEqualTo(StepState.SKIPPED);
    assertThat(engine.step("a").skipCause()).isEqualTo(SkipCause.BY_USER);
    assertThat(dispatchedJobs(engine.advance(at(61)))).containsExactly("b");
  }

  @Test
  void cancelSkipsEveryUnfinishedStepAndHaltsRunningJobs() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));

    ActionOutcome dry = engine.cancel("alice", true, at(2));
    assertThat(engine.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(engine.step("compile").state()).isEqualTo(StepState.RUNNING);

    ActionOutcome cancel = engine.cancel("alice", false, at(2));

    assertThat(cancel).isEqualTo(dry);
    assertThat(cancel.changed()).containsExactly("compile", "unit", "lint", "report-lint");
    assertThat(cancel.toHalt()).containsExactly("compile");
    assertThat(engine.steps()).extracting(Step::state).containsOnly(StepState.SKIPPED);
    assertThat(engine.step("unit").skipReason()).isEqualTo("cancelled by alice");
    assertThat(engine.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(engine.advance(at(3)).changedAnything()).isFalse();
    assertThat(engine.onResult("compile", 1, success(), at(4)).handling())
        .isEqualTo(ResultOutcome.Handling.RECORDED_ONLY);
    assertThat(engine.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void cancelOfAFinishedRunChangesNothing() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"));
    PipelineEngine engine = started(spec);
    engine.advance(at(1));
    finish(engine, "a", success());

    ActionOutcome cancel = engine.cancel("alice", false, at(2));

    assertThat(cancel.changed()).isEmpty();
    assertThat(engine.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void selectorsCombineWithAndAndAnEmptySelectorSelectsAll() {
    PipelineSpec spec =
        pipeline(
            List.of("test"),
            job("unit-x86", "test").tags(Map.of("suite", "unit", "arch", "x86")),
            job("unit-arm", "test").tags(Map.of("suite", "unit", "arch", "arm")),
            job("e2e-x86", "test").tags(Map.of("suite", "e2e", "arch", "x86")));
    PipelineEngine engine = PipelineEngine.create(spec, RunOptions.DEFAULT);
    engine.apply(StepAction.START, StepSelector.ids("unit-arm"), false, "a", null, at(0));

    assertThat(engine.select(StepSelector.ALL)).hasSize(3);
    assertThat(engine.select(StepSelector.tags(Map.of("suite", "unit"))))
        .extracting(Step::job)
        .containsExactly("unit-x86", "unit-arm");
    assertThat(engine.select(StepSelector.tags(Map.of("suite", "unit", "arch", "x86"))))
        .extracting(Step::job)
        .containsExactly("unit-x86");
    assertThat(
            engine.select(
                new StepSelector(Set.of(), Set.of(StepState.READY), Map.of("suite", "unit"))))
        .extracting(Step::job)
        .containsExactly("unit-x86");
    assertThat(
            engine.select(
                new StepSelector(Set.of("unit-arm", "e2e-x86"), Set.of(StepState.READY), Map.of())))
        .extracting(Step::job)
        .containsExactly("e2e-x86");
    assertThat(engine.select(StepSelector.ALL, StepAction.START))
        .extracting(Step::job)
        .containsExactly("unit-x86", "e2e-x86");
  }

  @Test
  void actionsAnswerInPipelineOrderAndRefuseUnknownIds() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));

    ActionOutcome pause =
        engine.apply(
            StepAction.PAUSE,
            StepSelector.ids("report-lint", "ghost", "compile", "unit"),
            false,
            "alice",
            null,
            at(2));

    assertThat(pause.changed()).containsExactly("compile", "unit", "report-lint");
    assertThat(pause.refused()).containsExactly(new Refusal("ghost", null, "no such step"));
    assertThat(engine.step("compile").state()).isEqualTo(StepState.MARKED_TO_PAUSE);
    assertThat(engine.step("unit").state()).isEqualTo(StepState.PAUSED);
  }

  @Test
  void aDryRunOfAFlowChangesNothing() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    List<StepState> before = engine.steps().stream().map(Step::state).toList();

    ActionOutcome dry = engine.apply(StepAction.SKIP, StepSelector.ALL, true, "bob", null, at(2));

    assertThat(dry.changed()).containsExactly("unit", "lint", "report-lint");
    assertThat(dry.refused())
        .containsExactly(
            new Refusal(
                "compile",
                StepState.RUNNING,
                "skip is allowed only from paused, marked-to-pause, paused-due-to-failure, waiting"
                    + " or ready"));
    assertThat(engine.steps().stream().map(Step::state).toList()).isEqualTo(before);
  }

  @Test
  void contextIsASnapshotWithStatesAndLastExitCodes() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    finish(engine, "compile", success());
    engine.advance(at(2));
    finish(engine, "lint", scriptFailure(3));

    RunContext context = engine.context();
    engine.advance(at(3));

    assertThat(context.pipeline()).isEqualTo("demo");
    assertThat(context.steps().keySet()).containsExactly("compile", "unit", "lint", "report-lint");
    assertThat(context.steps().get("compile"))
        .isEqualTo(new RunContext.StepContext(StepState.SUCCEEDED, 0, List.of()));
    assertThat(context.steps().get("lint").lastExitCode()).isEqualTo(3);
    assertThat(context.steps().get("report-lint"))
        .isEqualTo(new RunContext.StepContext(StepState.WAITING, null, List.of()));
    assertThatThrownBy(() -> context.steps().put("x", null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRestoredRunGoesOnWhereItWas() {
    PipelineEngine engine = started(ISSUE_EXAMPLE);
    engine.advance(at(1));
    List<Step> saved = engine.steps().stream().map(Step::copy).toList();

    PipelineEngine restored = PipelineEngine.restore(ISSUE_EXAMPLE, RunOptions.DEFAULT, saved);
    finish(restored, "compile", success());

    assertThat(dispatchedJobs(restored.advance(at(61)))).containsExactly("unit", "lint");
  }

  @Test
  void restoreRefusesStepsThatDoNotMatchThePipeline() {
    assertThatThrownBy(
            () ->
                PipelineEngine.restore(
                    ISSUE_EXAMPLE, RunOptions.DEFAULT, List.of(Step.ready("compile"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit");
  }

  @Test
  void dispatchesFollowPipelineOrderEvenWhenASkipUnblocksAnEarlierJob() {
    PipelineSpec spec =
        pipeline(
            List.of("test"),
            job("x", "test").needs().allowFailure().onSuccess("b"),
            job("a", "test").needs("b"),
            job("b", "test").needs(),
            job("c", "test").needs("x"));
    PipelineEngine engine = started(spec, new RunOptions(1, false));
    assertThat(engine.advance(at(1)).dispatched()).containsExactly(new Dispatch("x", 1));

    finish(engine, "x", scriptFailure(1));
    AdvanceOutcome outcome = engine.advance(at(61));

    assertThat(outcome.skipped()).extracting(SkippedStep::job).containsExactly("b");
    assertThat(outcome.dispatched()).containsExactly(new Dispatch("a", 1));
  }

  @Test
  void stepsLeftReadyByAPartialStartWaitForTheUser() {
    PipelineSpec spec = pipeline(List.of("test"), job("a", "test"), job("b", "test"));
    PipelineEngine engine = PipelineEngine.create(spec, RunOptions.DEFAULT);
    engine.apply(StepAction.START, StepSelector.ids("a"), false, "alice", null, at(0));
    engine.advance(at(1));
    finish(engine, "a", success());

    assertThat(engine.status()).isEqualTo(RunStatus.WAITING_FOR_USER);
    assertThat(engine.allowedActions("b"))
        .containsExactlyInAnyOrder(StepAction.START, StepAction.PAUSE, StepAction.SKIP);
  }
}
