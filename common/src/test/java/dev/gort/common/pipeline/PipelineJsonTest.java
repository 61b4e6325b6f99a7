package dev.gort.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineJsonTest {

  private static final String EVERY_KEY =
      """
      pipeline: demo
      stages: [build, test, deploy]
      jobs:
        compile: {stage: build, script: [make], kind: build, timeout: 90s}
        unit:
          stage: test
          runner: gpu-1
          image: maven:3.9
          script: [make test, "echo \\"done\\" \\u2603\\n"]
          needs: [compile]
          allow_failure: {exit_codes: [137, 1]}
          timeout: 1h 30m
          retry: {max: 2, when: [script_failure, runner_system_failure]}
          tags: {suite: unit, bits: 64}
          on_success: [deploy]
          on_failure: cleanup
          input: "Approve?"
        lint: {stage: test, script: [make lint], allow_failure: true, retry: 1, needs: []}
        deploy: {stage: deploy, script: [./deploy.sh], retry: {max: 0, when: always}}
        cleanup: {stage: deploy, script: [./cleanup.sh]}
      """;

  @Test
  void aSpecWrittenAsJsonParsesBackToTheSameSpec() {
    PipelineSpec spec = PipelineFiles.parse(EVERY_KEY);

    String json = PipelineJson.toJson(spec);

    assertThat(PipelineFiles.parse(json)).isEqualTo(spec);
    assertThat(PipelineJson.fromJsonNode(PipelineJson.toJsonNode(spec))).isEqualTo(spec);
  }

  @Test
  void theJsonHasTheFilesShape() {
    ObjectNode json = PipelineJson.toJsonNode(PipelineFiles.parse(EVERY_KEY));

    assertThat(json.get("pipeline").asText()).isEqualTo("demo");
    assertThat(json.get("stages")).hasSize(3);
    ObjectNode unit = (ObjectNode) json.get("jobs").get("unit");
    assertThat(unit.get("allow_failure").toString()).isEqualTo("{\"exit_codes\":[1,137]}");
    assertThat(unit.get("timeout").asText()).isEqualTo("PT1H30M");
    assertThat(unit.get("retry").toString())
        .isEqualTo("{\"max\":2,\"when\":[\"script_failure\",\"runner_system_failure\"]}");
    assertThat(unit.get("on_failure").toString()).isEqualTo("[\"cleanup\"]");
    assertThat(json.get("jobs").get("lint").get("allow_failure").asBoolean()).isTrue();
    assertThat(json.get("jobs").get("lint").get("needs")).isEmpty();
    assertThat(json.get("jobs").get("cleanup").has("needs")).isFalse();
    assertThat(json.get("jobs").get("cleanup").has("retry")).isFalse();
  }

  @Test
  void aBuiltSpecRoundTripsToo() {
    PipelineSpec spec =
        new PipelineSpec(
            "p",
            List.of("s"),
            Map.of(
                "j",
                new JobSpec(
                    "j",
                    "s",
                    "local",
                    "boot",
                    null,
                    List.of("a\tb", "c\u0000d"),
                    null,
                    AllowFailure.NONE,
                    Duration.ofSeconds(61),
                    new RetryPolicy(1, Set.of()),
                    Map.of("k", "v"),
                    null,
                    null,
                    null)));

    assertThat(PipelineFiles.parse(PipelineJson.toJson(spec))).isEqualTo(spec);
  }

  @Test
  void aRequestBodyIsValidatedLikeAFile() {
    ObjectNode json = PipelineJson.toJsonNode(PipelineFiles.parse(EVERY_KEY));
    ((ObjectNode) json.get("jobs").get("unit")).putArray("needs").add("nope");

    PipelineValidationException refused =
        catchThrowableOfType(
            () -> PipelineJson.fromJsonNode(json), PipelineValidationException.class);

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo("jobs.unit.needs[0]");
              assertThat(problem.message())
                  .isEqualTo("needs \"nope\", which is not a job of this pipeline");
            });
  }
}
