package dev.gort.scheduler.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's settings over the stored ones: one level deep, a null removing a setting. */
class SettingsMergeTest {

  @Test
  void aRunsSettingReplacesTheStoredOneAndANullRemovesIt() {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("ref", "feature");
    overrides.put("artifact", null);
    overrides.put("inputs", Map.of("b", "2"));

    Map<String, Object> merged =
        TestConfigs.merge(
            Map.of(
                "repository",
                "acme/widgets",
                "ref",
                "main",
                "artifact",
                "results",
                "inputs",
                Map.of("a", "1")),
            overrides);

    // inputs is replaced as a whole: the merge is shallow
    assertThat(merged)
        .isEqualTo(
            Map.of("repository", "acme/widgets", "ref", "feature", "inputs", Map.of("b", "2")));
  }

  @Test
  void noOverridesKeepTheStoredSettings() {
    assertThat(TestConfigs.merge(Map.of("ref", "main"), null)).isEqualTo(Map.of("ref", "main"));
  }
}
