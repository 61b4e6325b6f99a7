package dev.gort.console.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProgressTest {

  private static final List<String> STEPS =
      List.of(
          "clone",
          "requirements",
          "image",
          "key-pair",
          "network",
          "lease",
          "server",
          "floating-ip",
          "verify",
          "save");

  /** The ten steps, the first {@code done} DONE, then {@code next}, then PENDING. */
  private static List<Environment.Step> steps(int done, String next, String after) {
    List<Environment.Step> steps = new ArrayList<>();
    for (int i = 0; i < STEPS.size(); i++) {
      String status = i < done ? "DONE" : i == done ? next : after;
      steps.add(new Environment.Step(STEPS.get(i), i + 1, status, null, null, null));
    }
    return steps;
  }

  @Test
  void aRunningStepIsNamedWithItsPosition() {
    StepProgress progress = StepProgress.of(steps(3, "RUNNING", "PENDING"));

    assertThat(progress.text()).isEqualTo("step 4 of 10 (key-pair)");
    assertThat(progress.done()).isEqualTo(3);
    assertThat(progress.failed()).isFalse();
  }

  @Test
  void beforeAnyStepRunsTheFirstPendingOneIsNext() {
    assertThat(StepProgress.of(steps(0, "PENDING", "PENDING")).text())
        .isEqualTo("step 1 of 10 (clone)");
  }

  @Test
  void allDoneSaysSo() {
    assertThat(StepProgress.of(steps(10, "DONE", "DONE")).text()).isEqualTo("all 10 steps done");
  }

  @Test
  void aFailureNamesTheStepThatFailedNotTheSkippedOnes() {
    StepProgress progress = StepProgress.of(steps(5, "FAILED", "SKIPPED"));

    assertThat(progress.text()).isEqualTo("failed at step 6 of 10 (lease)");
    assertThat(progress.failed()).isTrue();
  }

  @Test
  void noStepsYet() {
    assertThat(StepProgress.of(List.of()).text()).isEqualTo("no steps yet");
  }

  @Test
  void aFinishedStepTookItsTimeAndARunningOneRunsUntilNow() {
    Instant start = Instant.parse("2026-12-03T19:00:00Z");

    assertThat(StepProgress.took(start, start.plusSeconds(125), start.plusSeconds(999)))
        .isEqualTo("2 min 5 s");
    assertThat(StepProgress.took(start, null, start.plusSeconds(12))).isEqualTo("running for 12 s");
    assertThat(StepProgress.took(null, null, start)).isNull();
  }
}
