package dev.gort.console.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunPageTest {

  @Test
  void retryAfterIsWholeSecondsCappedAtAMinute() {
    assertThat(RunPage.retryAfter("2")).contains(Duration.ofSeconds(2));
    assertThat(RunPage.retryAfter(" 600 ")).contains(Duration.ofSeconds(60));
    assertThat(RunPage.retryAfter("0")).isEmpty();
    assertThat(RunPage.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isEmpty();
    assertThat(RunPage.retryAfter(null)).isEmpty();
  }

  @Test
  void theRunsPathEncodesItsId() {
    assertThat(RunPage.pathOf("a b/c").toString()).isEqualTo("/runs/a%20b%2Fc");
  }
}
