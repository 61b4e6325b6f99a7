package dev.gort.common.pipeline.run;

import static dev.gort.common.pipeline.run.Pipelines.T0;
import static dev.gort.common.pipeline.run.Pipelines.job;
import static dev.gort.common.pipeline.run.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step action from every state (seed 001's guards), with and without a dry run. The table is
 * the specification, written out by hand: a state there, {@code !} when the caller must halt the
 * job, {@code -} when the action is refused.
 */
class StepActionTableTest {

  private static final String TABLE =
      """
      variant                   | start          | pause           | interrupt    | resume          | rerun    | skip           | unskip          | send-message
      READY                     | WAITING        | PAUSED          | -            | -               | -        | MARKED_TO_SKIP | -               | -
      WAITING                   | -              | PAUSED          | -            | -               | -        | MARKED_TO_SKIP | -               | -
      RUNNING                   | -              | MARKED_TO_PAUSE | INTERRUPTED! | -               | -        | -              | -               | -
      MARKED_TO_PAUSE           | -              | -               | INTERRUPTED! | RUNNING         | WAITING! | MARKED_TO_SKIP | -               | -
      PAUSED                    | -              | -               | -            | WAITING         | WAITING  | MARKED_TO_SKIP | -               | -
      PAUSED_HOLDING_SUCCESS    | -              | -               | -            | SUCCEEDED       | WAITING  | MARKED_TO_SKIP | -               | -
      PAUSED_DUE_TO_FAILURE     | -              | -               | -            | FAILED          | WAITING  | SKIPPED        | -               | -
      INTERRUPTED               | -              | -               | -            | WAITING         | WAITING  | -              | -               | -
      WAITING_FOR_INPUT         | -              | -               | -            | -               | -        | -              | -               | WAITING
      MARKED_TO_SKIP_FROM_READY | MARKED_TO_SKIP | -               | -            | -               | -        | -              | READY           | -
      MARKED_TO_SKIP_FROM_WAITING | -            | -               | -            | -               | -        | -              | WAITING         | -
      MARKED_TO_SKIP_FROM_PAUSED | -             | -               | -            | -               | -        | -              | PAUSED          | -
      MARKED_TO_SKIP_FROM_MARKED_TO_PAUSE | -    | -               | -            | -               | -        | -              | MARKED_TO_PAUSE | -
      SKIPPED                   | -              | -               | -            | -               | -        | -              | -               | -
      SUCCEEDED                 | -              | -               | -            | -               | -        | -              | -               | -
      FAILED                    | -              | -               | -            | -               | -        | -              | -               | -
      """;

  private static final PipelineSpec ONE_JOB =
      pipeline(List.of("test"), job("a", "test").needs().input("Approve?"));

  record Cell(Variant variant, StepAction action, String expected) {
    boolean allowed() {
      return !expected.equals("-");
    }

    StepState state() {
      return StepState.valueOf(expected.replace("!", ""));
    }

    boolean halts() {
      return expected.endsWith("!");
    }

    @Override
    public String toString() {
      return action.wireName() + " on " + variant + " -> " + expected;
    }
  }

  static List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    List<String> lines = TABLE.lines().filter(l -> !l.isBlank()).toList();
    String[] header = lines.get(0).split("\\|");
    for (String line : lines.subList(1, lines.size())) {
      String[] row = line.split("\\|");
      Variant variant = Variant.valueOf(row[0].trim());
      for (int i = 1; i < header.length; i++) {
        StepAction action = StepAction.fromWireName(header[i].trim()).orElseThrow();
        cells.add(new Cell(variant, action, row[i].trim()));
      }
    }
    return cells;
  }

  static Stream<Arguments> everyCellWithAndWithoutDryRun() {
    return cells().stream().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @Test
  void tableCoversEveryStateAndEveryAction() {
    Set<StepState> states = EnumSet.noneOf(StepState.class);
    for (Variant v : Variant.values()) {
      states.add(v.step().state());
    }
    assertThat(states).containsExactlyInAnyOrder(StepState.values());
    assertThat(cells()).hasSize(Variant.values().length * StepAction.values().length);
  }

  @ParameterizedTest(name = "{0}, dryRun={1}")
  @MethodSource("everyCellWithAndWithoutDryRun")
  void actionDoesWhatTheTableSays(Cell cell, boolean dryRun) {
    Step step = cell.variant().step();
    Snapshot before = Snapshot.of(step);
    PipelineEngine engine = PipelineEngine.restore(ONE_JOB, RunOptions.DEFAULT, List.of(step));

    ActionOutcome outcome =
        engine.apply(cell.action(), StepSelector.ALL, dryRun, "alice", "go", T0);

    if (cell.allowed()) {
      assertThat(outcome.changed()).containsExactly("a");
      assertThat(outcome.refused()).isEmpty();
      assertThat(outcome.toHalt()).isEqualTo(cell.halts() ? List.of("a") : List.of());
    } else {
      assertThat(outcome.changed()).isEmpty();
      assertThat(outcome.toHalt()).isEmpty();
      assertThat(outcome.refused()).hasSize(1);
      Refusal refusal = outcome.refused().get(0);
      assertThat(refusal.id()).isEqualTo("a");
      assertThat(refusal.state()).isEqualTo(before.state());
      assertThat(refusal.reason()).startsWith(cell.action().wireName()).doesNotContain("null");
    }
    if (dryRun || !cell.allowed()) {
      assertThat(Snapshot.of(engine.step("a"))).isEqualTo(before);
    } else {
      assertThat(engine.step("a").state()).isEqualTo(cell.state());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void allowedActionsAndTheActionFilterAgreeWithTheTable(Cell cell) {
    PipelineEngine engine =
        PipelineEngine.restore(ONE_JOB, RunOptions.DEFAULT, List.of(cell.variant().step()));

    assertThat(engine.allowedActions("a").contains(cell.action())).isEqualTo(cell.allowed());
    assertThat(engine.select(StepSelector.ALL, cell.action()))
        .extracting(Step::job)
        .isEqualTo(cell.allowed() ? List.of("a") : List.of());
  }

  @Test
  void dryRunAnswersExactlyWhatTheRealRunDoes() {
    for (Cell cell : cells()) {
      ActionOutcome dry =
          PipelineEngine.restore(ONE_JOB, RunOptions.DEFAULT, List.of(cell.variant().step()))
              .apply(cell.action(), StepSelector.ALL, true, "alice", "go", T0);
      ActionOutcome real =
          PipelineEngine.restore(ONE_JOB, RunOptions.DEFAULT, List.of(cell.variant().step()))
              .apply(cell.action(), StepSelector.ALL, false, "alice", "go", T0);

      assertThat(dry).as(cell.toString()).isEqualTo(real);
    }
  }

  /** Everything a step remembers, to show an action left it as it was. */
  record Snapshot(
      StepState state,
      List<StepAttempt> attempts,
      boolean allowedFailure,
      JobResult pendingResult,
      StepState markedFrom,
      SkipCause skipCause,
      String skipReason,
      List<StepMessage> messages) {
    static Snapshot of(Step s) {
      return new Snapshot(
          s.state(),
          s.attempts(),
          s.allowedFailure(),
          s.pendingResult(),
          s.markedFrom(),
          s.skipCause(),
          s.skipReason(),
          s.messages());
    }
  }

  /** Each state, and the states whose actions depend on what the step remembers. */
  enum Variant {
    READY,
    WAITING,
    RUNNING,
    MARKED_TO_PAUSE,
    PAUSED,
    PAUSED_HOLDING_SUCCESS,
    PAUSED_DUE_TO_FAILURE,
    INTERRUPTED,
    WAITING_FOR_INPUT,
    MARKED_TO_SKIP_FROM_READY,
    MARKED_TO_SKIP_FROM_WAITING,
    MARKED_TO_SKIP_FROM_PAUSED,
    MARKED_TO_SKIP_FROM_MARKED_TO_PAUSE,
    SKIPPED,
    SUCCEEDED,
    FAILED;

    Step step() {
      StepAttempt open = StepAttempt.started(1, T0);
      StepAttempt succeeded = open.finished(JobResult.success(), T0.plusSeconds(5));
      StepAttempt failed = open.finished(Pipelines.scriptFailure(1), T0.plusSeconds(5));
      switch (this) {
        case READY:
          return Step.ready("a");
        case WAITING:
          return step(StepState.WAITING, List.of(), null, null, null, null);
        case RUNNING:
          return step(StepState.RUNNING, List.of(open), null, null, null, null);
        case MARKED_TO_PAUSE:
          return step(StepState.MARKED_TO_PAUSE, List.of(open), null, null, null, null);
        case PAUSED:
          return step(StepState.PAUSED, List.of(), null, null, null, null);
        case PAUSED_HOLDING_SUCCESS:
          return step(StepState.PAUSED, List.of(succeeded), JobResult.success(), null, null, null);
        case PAUSED_DUE_TO_FAILURE:
          return step(StepState.PAUSED_DUE_TO_FAILURE, List.of(failed), null, null, null, null);
        case INTERRUPTED:
          return step(StepState.INTERRUPTED, List.of(open.halted()), null, null, null, null);
        case WAITING_FOR_INPUT:
          return step(StepState.WAITING_FOR_INPUT, List.of(), null, null, null, null);
        case MARKED_TO_SKIP_FROM_READY:
          return marked(StepState.READY, List.of());
        case MARKED_TO_SKIP_FROM_WAITING:
          return marked(StepState.WAITING, List.of());
        case MARKED_TO_SKIP_FROM_PAUSED:
          return marked(StepState.PAUSED, List.of());
        case MARKED_TO_SKIP_FROM_MARKED_TO_PAUSE:
          return marked(StepState.MARKED_TO_PAUSE, List.of(open));
        case SKIPPED:
          return step(
              StepState.SKIPPED, List.of(), null, null, SkipCause.BY_USER, "skipped by bob");
        case SUCCEEDED:
          return step(StepState.SUCCEEDED, List.of(succeeded), null, null, null, null);
        case FAILED:
          return step(StepState.FAILED, List.of(failed), null, null, null, null);
        default:
          throw new IllegalStateException(name());
      }
    }

    private static Step marked(StepState from, List<StepAttempt> attempts) {
      return step(StepState.MARKED_TO_SKIP, attempts, null, from, null, "skipped by bob");
    }

    private static Step step(
        StepState state,
        List<StepAttempt> attempts,
        JobResult pending,
        StepState markedFrom,
        SkipCause cause,
        String reason) {
      return Step.restore(
          "a", state, attempts, false, pending, markedFrom, cause, reason, List.of());
    }
  }
}
