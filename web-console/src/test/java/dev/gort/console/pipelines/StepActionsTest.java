package dev.gort.console.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.console.web.PageInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepActionsTest {

  @Test
  void theAllowedActionsAreOfferedInThePagesOrder() {
    assertThat(StepActions.choicesOf(List.of("skip", "pause", "send-message")))
        .extracting(StepActions.Choice::verb)
        .containsExactly("Answer", "Pause", "Skip");
  }

  @Test
  void aFormNamesAKnownActionAndAtLeastOneStep() {
    assertThat(StepActions.of("resume").verb()).isEqualTo("Resume");
    assertThatThrownBy(() -> StepActions.of("delete")).isInstanceOf(PageInputException.class);
    assertThatThrownBy(() -> StepActions.steps(null)).isInstanceOf(PageInputException.class);
    assertThatThrownBy(() -> StepActions.steps(Arrays.asList(" ", null)))
        .isInstanceOf(PageInputException.class);
    assertThat(StepActions.steps(List.of("b", " a ", "b"))).containsExactly("b", "a");
  }

  @Test
  void onlyAnAnswerTakesAMessageAndNeedsOne() {
    StepActions.Choice answer = StepActions.of("send-message");

    assertThat(StepActions.message(answer, "yes")).isEqualTo("yes");
    assertThat(StepActions.message(StepActions.of("pause"), "ignored")).isNull();
    assertThatThrownBy(() -> StepActions.message(answer, " "))
        .isInstanceOf(PageInputException.class);
    assertThatThrownBy(() -> StepActions.message(answer, "x".repeat(4097)))
        .isInstanceOf(PageInputException.class);
  }

  @Test
  void theLiveAreaWaitsAsTheOperationSaysWithinBounds() {
    assertThat(PipelineRunsPage.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(PipelineRunsPage.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(PipelineRunsPage.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
    assertThat(PipelineRunsPage.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
    assertThat(PipelineRunsPage.retryAfter("3600")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void onlyHttpLogLinksAreLinked() {
    assertThat(attempt("http://127.0.0.1:9000/api/v1/jobs/j/results?read=t").logHref())
        .isEqualTo("http://127.0.0.1:9000/api/v1/jobs/j/results?read=t");
    assertThat(attempt("https://example.org/log").logHref()).isNotNull();
    assertThat(attempt("file:///etc/passwd").logHref()).isNull();
    assertThat(attempt("javascript:alert(1)").logHref()).isNull();
    assertThat(attempt("not a url").logHref()).isNull();
    assertThat(attempt(null).logHref()).isNull();
  }

  private static PipelineRun.Attempt attempt(String logUrl) {
    return new PipelineRun.Attempt(1, null, null, true, 0, null, null, false, "j", logUrl);
  }
}
