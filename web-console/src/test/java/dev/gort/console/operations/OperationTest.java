package dev.gort.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationTest {

  @Test
  void eachKindLinksToItsPage() {
    assertThat(located("test-run", "/api/v1/test-runs/r-1").pageHref()).isEqualTo("/runs/r-1");
    assertThat(located("pipeline-run", "/api/v1/pipeline-runs/p-2").pageHref())
        .isEqualTo("/pipeline-runs/p-2");
    assertThat(located("environment", "http://127.0.0.1:8085/api/v1/environments/e-3").pageHref())
        .isEqualTo("/environments/e-3");
  }

  @Test
  void anOperationWithoutItsResourceOrWithAStrangeOneLinksNowhere() {
    assertThat(located("test-run", null).pageHref()).isNull();
    assertThat(located("test-run", "/api/v1/test-runs/a/../../admin").pageHref()).isNull();
    assertThat(located("test-run", "/elsewhere/r-1").pageHref()).isNull();
  }

  @Test
  void notStartedReadsAsTwoWords() {
    assertThat(located("test-run", null).badgeState()).isEqualTo("NOT_STARTED");
  }

  @Test
  void aTimeoutReadsAsTimedOutAndOtherStatusesInCapitals() {
    assertThat(withStatus("timeout").badgeState()).isEqualTo("TIMED_OUT");
    assertThat(withStatus("running").badgeState()).isEqualTo("RUNNING");
    assertThat(withStatus(null).badgeState()).isNull();
  }

  @Test
  void progressIsKeptBetweenZeroAndAHundred() {
    assertThat(withPercent(null).percent()).isZero();
    assertThat(withPercent(-5).percent()).isZero();
    assertThat(withPercent(40).percent()).isEqualTo(40);
    assertThat(withPercent(250).percent()).isEqualTo(100);
  }

  private static Operation located(String kind, String location) {
    return new Operation("op", kind, "notstarted", null, null, 0, location, null);
  }

  private static Operation withStatus(String status) {
    return new Operation("op", "test-run", status, null, null, 0, null, null);
  }

  private static Operation withPercent(Integer percent) {
    return new Operation("op", "test-run", "running", null, null, percent, null, null);
  }
}
