package dev.gort.console.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobLinksTest {

  private static JobLinks template(String template) {
    return new JobLinks(runner -> Optional.ofNullable(template));
  }

  @Test
  void placeholdersAreTheJobIdAndTheRunsSettingsEncoded() {
    JobLinks links =
        template("https://tux.example/v1/groups/g/projects/p/tests/{jobId}?repo={repository}");

    assertThat(links.link("tuxsuite", "2a b/../c", Map.of("repository", "o/r")))
        .contains("https://tux.example/v1/groups/g/projects/p/tests/2a%20b/%2E%2E/c?repo=o/r");
  }

  @Test
  void noTemplateOrAMissingSettingOrAnotherSchemeMakesNoLink() {
    assertThat(template(null).link("sim", "j", Map.of())).isEmpty();
    assertThat(
            template("https://github.com/{repository}/actions/runs/{jobId}")
                .link("github-actions", "1", Map.of()))
        .isEmpty();
    assertThat(template("javascript:alert({jobId})").link("sim", "1", Map.of())).isEmpty();
    assertThat(template("https://x/{jobId}").link("Not A Runner!", "1", Map.of())).isEmpty();
  }

  @Test
  void aSettingThatIsNotTextMakesNoLink() {
    assertThat(
            template("https://x/{inputs}/{jobId}")
                .link("github-actions", "1", Map.of("inputs", Map.of("a", "b"))))
        .isEmpty();
  }
}
