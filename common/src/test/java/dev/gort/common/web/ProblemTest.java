package dev.gort.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void extensionsSitBesideTheStandardMembers() throws Exception {
    Problem problem =
        ProblemException.conflict("already running", Map.of("unfinishedRun", "run-1")).toProblem();

    JsonNode json = JSON.readTree(JSON.writeValueAsString(problem));

    assertThat(json.path("status").asInt()).isEqualTo(409);
    assertThat(json.path("detail").asText()).isEqualTo("already running");
    assertThat(json.path("unfinishedRun").asText()).isEqualTo("run-1");
  }

  @Test
  void anExtensionNamedLikeAStandardMemberIsRefused() {
    assertThatThrownBy(
            () -> new Problem("about:blank", "Conflict", 409, "x", Map.of("status", "succeeded")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
  }
}
