package dev.gort.common.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Claim, call, record: what reaches the record, and leases recognised by what the row holds. */
class WorkQueueTest {

  /** Records what each step saw; the call answers or throws as the claim says. */
  private static final class Steps implements WorkQueue.Steps<String, String> {
    final List<String> due = new ArrayList<>();
    final List<String> recorded = new ArrayList<>();

    @Override
    public Optional<String> claimNext() {
      return due.isEmpty() ? Optional.empty() : Optional.of(due.remove(0));
    }

    @Override
    public String call(String claim) {
      if (claim.startsWith("fail")) {
        throw new IllegalStateException("runner down for " + claim);
      }
      if (claim.startsWith("silent")) {
        throw new IllegalStateException();
      }
      return "answer to " + claim;
    }

    @Override
    public void record(String claim, Result<String> result) {
      recorded.add(
          claim + ": " + (result.succeeded() ? result.answer() : "failed, " + result.why()));
    }
  }

  @Test
  void nothingDueMeansNoCallAndNoRecord() {
    Steps steps = new Steps();

    assertThat(WorkQueue.runOnce(steps)).isFalse();
    assertThat(steps.recorded).isEmpty();
  }

  @Test
  void anAnswerAndAFailureAreBothRecordedUnderTheirClaim() {
    Steps steps = new Steps();
    steps.due.addAll(List.of("a", "fail-b", "silent-c"));

    while (WorkQueue.runOnce(steps)) {}

    assertThat(steps.recorded)
        .containsExactly(
            "a: answer to a",
            "fail-b: failed, runner down for fail-b",
            "silent-c: failed, IllegalStateException");
  }

  @Test
  void aLeaseHoldsUntilTheRowIsClaimedAgain() {
    Instant now = Instant.parse("2026-12-02T10:00:00.123456789Z");
    Lease mine = Lease.of(now, Duration.ofSeconds(30));
    Lease next = Lease.of(now.plusSeconds(31), Duration.ofSeconds(30));

    // stored precision: what the row reads back is what the lease compares with
    assertThat(mine.until()).isEqualTo(Instant.parse("2026-12-02T10:00:30.123456Z"));
    assertThat(mine.holds(Instant.parse("2026-12-02T10:00:30.123456Z"))).isTrue();
    assertThat(mine.holds(next.until())).isFalse();
    assertThat(mine.holds(null)).isFalse();
  }

  @Test
  void aFailedResultAlwaysSaysWhy() {
    assertThat(Result.failed(new RuntimeException("  ")).why()).isEqualTo("RuntimeException");
    assertThat(Result.answered("x").why()).isNull();
  }
}
