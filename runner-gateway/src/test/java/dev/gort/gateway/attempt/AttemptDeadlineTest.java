package dev.gort.gateway.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A handed-over attempt is overdue the dispatch deadline after the job's own timeout. */
class AttemptDeadlineTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration DISPATCH = Duration.ofMinutes(30);

  @Test
  void aJobAllowedTwoHoursIsDueTheDispatchDeadlineAfterThem() {
    assertThat(AttemptOutcomes.dueBy(NOW, DISPATCH, Map.of("timeout", "PT2H")))
        .isEqualTo(NOW.plus(Duration.ofMinutes(150)));
  }

  @Test
  void withoutATimeoutTheDispatchDeadlineAlone() {
    assertThat(AttemptOutcomes.dueBy(NOW, DISPATCH, Map.of("commands", List.of("true"))))
        .isEqualTo(NOW.plus(DISPATCH));
  }

  @Test
  void aTimeoutThatIsNoDurationOrNoJobsAddsNothing() {
    for (Object timeout : List.of("soon", "-PT1H", "P30D", 3600, List.of("PT1H"))) {
      assertThat(AttemptOutcomes.dueBy(NOW, DISPATCH, Map.of("timeout", timeout)))
          .as("timeout %s", timeout)
          .isEqualTo(NOW.plus(DISPATCH));
    }
  }
}
