package dev.gort.gateway.runner.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.RunKind;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubSettingsTest {

  private final GitHubActionsRunner runner =
      new GitHubActionsRunner(GitHubFixtures.config("http://127.0.0.1:1"), Clock.systemUTC());

  @Test
  void defaultsFillWhatTheExperimentLeavesOut() {
    assertThat(runner.checkSettings(RunKind.TEST, Map.of()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "repository", "octo-org/experiments",
                "workflow", "gort.yml",
                "ref", "main",
                "artifact", "test-results"));
  }

  @Test
  void requestedSettingsOverrideTheDefaults() {
    Map<String, Object> effective =
        runner.checkSettings(
            RunKind.BUILD,
            Map.of(
                "repository", "someone/kernel.build_2",
                "workflow", "161335",
                "ref", "release/v1.2",
                "artifact", "build-output",
                "inputs", Map.of("target", "arm64", "_flag", "")));

    assertThat(effective)
        .containsEntry("repository", "someone/kernel.build_2")
        .containsEntry("workflow", "161335")
        .containsEntry("ref", "release/v1.2")
        .containsEntry("artifact", "build-output")
        .containsEntry("inputs", Map.of("target", "arm64", "_flag", ""));
    // what checkSettings answers is what dispatch reads back
    assertThat(GitHubSettings.from(effective).toMap()).isEqualTo(effective);
  }

  @Test
  void bootJobsAndUnknownSettingsAreRefusedByName() {
    assertInvalid(RunKind.BOOT, Map.of(), "boot");
    assertInvalid(RunKind.TEST, Map.of("repo", "a/b"), "'repo'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noslash",
        "/name",
        "owner/",
        "-owner/x",
        "owner-/x",
        "ow--ner/x",
        "owner/na me",
        "owner/..",
        "a/b/c",
        "0123456789012345678901234567890123456789/x"
      })
  void repositoryMustBeOwnerSlashName(String repository) {
    assertInvalid(RunKind.TEST, Map.of("repository", repository), "repository");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"gort", "gort.json", ".github/workflows/gort.yml", "0", "gort yml.yml", "12a"})
  void workflowMustBeAFileNameOrAnId(String workflow) {
    assertInvalid(RunKind.TEST, Map.of("workflow", workflow), "workflow");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a..b",
        "with space",
        "x~1",
        "x^",
        "a:b",
        "a?",
        "a*",
        "a[b",
        "/main",
        "main/",
        "x.lock",
        "a//b",
        "a@{1}",
        "ends."
      })
  void refMustBeABranchOrTagName(String ref) {
    assertInvalid(RunKind.TEST, Map.of("ref", ref), "ref");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "a:b", "a*b", "a\"b", "a|b", "a\\b", "a<b"})
  void artifactMustBeAnArtifactName(String artifact) {
    assertInvalid(RunKind.TEST, Map.of("artifact", artifact), "artifact");
  }

  @Test
  void inputsMustBeStringsUnderNamesGortDoesNotUse() {
    assertInvalid(RunKind.TEST, Map.of("inputs", List.of("a")), "inputs");
    assertInvalid(RunKind.TEST, Map.of("inputs", Map.of("n", 3)), "'n'");
    assertInvalid(RunKind.TEST, Map.of("inputs", Map.of("gort_run_id", "x")), "reserved");
    assertInvalid(RunKind.TEST, Map.of("inputs", Map.of("bad name", "x")), "'bad name'");
    assertInvalid(RunKind.TEST, Map.of("repository", 7), "repository must be a string");
  }

  @Test
  void inputsStayWithinGitHubsTwentyFiveWithGortsFive() {
    Map<String, Object> twenty = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      twenty.put("in" + i, "v");
    }
    assertThat(runner.checkSettings(RunKind.TEST, Map.of("inputs", twenty)).get("inputs"))
        .isEqualTo(twenty);
    twenty.put("one_more", "v");
    assertInvalid(RunKind.TEST, Map.of("inputs", twenty), "at most 20");
  }

  @Test
  void withoutDefaultsRepositoryAndWorkflowAreRequired() {
    GitHubFixtures.GitHubActionsConfigValues c = GitHubFixtures.config("http://127.0.0.1:1");
    GitHubActionsRunner bare =
        new GitHubActionsRunner(
            new GitHubFixtures.GitHubActionsConfigValues(
                c.apiUrl(),
                c.token(),
                c.webhookSecret(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                c.ref(),
                c.artifact(),
                c.connectTimeout(),
                c.readTimeout(),
                c.findRunWithin(),
                c.findRunEvery(),
                c.handedOverLookback()),
            Clock.systemUTC());

    assertThatThrownBy(() -> bare.checkSettings(RunKind.TEST, Map.of()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("repository is required");
    assertThatThrownBy(() -> bare.checkSettings(RunKind.TEST, Map.of("repository", "a/b")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("workflow is required");
  }

  private void assertInvalid(RunKind kind, Map<String, Object> requested, String naming) {
    assertThatThrownBy(() -> runner.checkSettings(kind, requested))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining(naming);
  }
}
