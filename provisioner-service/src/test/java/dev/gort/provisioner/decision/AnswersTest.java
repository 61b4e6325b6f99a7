package dev.gort.provisioner.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnswersTest {

  private static final String GOOD =
      "{\"cpu_cores\": 4, \"ram_gb\": 16, \"gpu_required\": true, \"gpu_memory_gb\": 8,"
          + " \"disk_gb\": 50, \"os_type\": \"ubuntu\", \"os_version\": \"22.04\","
          + " \"cuda_required\": true, \"python_version\": \"3.9\", \"special_requirements\": []}";

  private static final List<String> OFFERED =
      List.of(
          "CC-Ubuntu22.04", "CC-Ubuntu22.04-CUDA", "CC-Ubuntu20.04-CUDA", "CC-A", "CC-B", "CC-C");

  @Test
  void aGoodRequirementsAnswerIsRead() throws Exception {
    assertThat(Answers.requirements(GOOD))
        .isEqualTo(new Requirements(4, 16, true, 8, 50, "ubuntu", "22.04", true, "3.9", List.of()));
  }

  @Test
  void aFencedAnswerIsRead() throws Exception {
    assertThat(Answers.requirements("```json\n" + GOOD + "\n```").cpuCores()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"cpu_cores\": 4|\"cpu_cores\": 0|cpu_cores 0 out of range 1–512",
        "\"cpu_cores\": 4|\"cpu_cores\": 513|cpu_cores 513 out of range 1–512",
        "\"ram_gb\": 16|\"ram_gb\": 5000|ram_gb 5000 out of range 1–4096",
        "\"gpu_memory_gb\": 8|\"gpu_memory_gb\": 193|gpu_memory_gb 193 out of range 0–192",
        "\"disk_gb\": 50|\"disk_gb\": 100001|disk_gb 100001 out of range 1–100000",
        "\"disk_gb\": 50|\"disk_gb\": 0|disk_gb 0 out of range 1–100000",
        "\"cpu_cores\": 4|\"cpu_cores\": 4.5|cpu_cores not an integer",
        "\"cpu_cores\": 4|\"cpu_cores\": \"4\"|cpu_cores not an integer",
        "\"cpu_cores\": 4|\"cpu_cores\": 99999999999|cpu_cores 99999999999 out of range",
        "\"gpu_required\": true|\"gpu_required\": \"yes\"|gpu_required not a boolean",
        "\"os_type\": \"ubuntu\"|\"os_type\": \"windows\"|os_type 'windows' is not one of",
        "\"os_version\": \"22.04\"|\"os_version\": \"jammy; rm -rf\"|os_version 'jammy; rm -rf' malformed",
        "\"python_version\": \"3.9\"|\"python_version\": \"\"|python_version missing",
        "\"special_requirements\": []|\"special_requirements\": [1]|special_requirements holds a value",
        "\"special_requirements\": []|\"special_requirements\": \"CUDA\"|special_requirements not an array",
        "\"cuda_required\": true, |\"cuda_required\": true, \"extra\": 1, |unexpected field extra",
        "\"ram_gb\": 16, |\"ram_gb\": 16, \"ram_gb\": 32, |not JSON",
      })
  void anInvalidRequirementsAnswerIsRejected(String from, String to, String why) {
    String answer = GOOD.replace(from, to);
    assertThat(answer).isNotEqualTo(GOOD);

    assertThatThrownBy(() -> Answers.requirements(answer))
        .isInstanceOf(Answers.Rejected.class)
        .hasMessageStartingWith(why);
  }

  @Test
  void cudaWithoutAGpuIsRejected() {
    String answer =
        GOOD.replace("\"gpu_required\": true", "\"gpu_required\": false")
            .replace("\"gpu_memory_gb\": 8", "\"gpu_memory_gb\": 0");

    assertThatThrownBy(() -> Answers.requirements(answer))
        .hasMessage("cuda_required without gpu_required");
  }

  @Test
  void gpuMemoryWithoutAGpuIsRejected() {
    String answer =
        GOOD.replace("\"gpu_required\": true", "\"gpu_required\": false")
            .replace("\"cuda_required\": true", "\"cuda_required\": false");

    assertThatThrownBy(() -> Answers.requirements(answer))
        .hasMessage("gpu_memory_gb 8 without gpu_required");
  }

  @Test
  void elevenSpecialRequirementsAreTooMany() {
    String answer =
        GOOD.replace(
            "\"special_requirements\": []",
            "\"special_requirements\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]");

    assertThatThrownBy(() -> Answers.requirements(answer))
        .hasMessage("special_requirements: 11 entries, at most 10");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "null",
        "[]",
        "\"text\"",
        "{\"cpu_cores\": 4",
        "Here you go: {}",
      })
  void notAnObjectIsRejected(String answer) {
    assertThatThrownBy(() -> Answers.requirements(answer)).isInstanceOf(Answers.Rejected.class);
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> Answers.requirements(GOOD + " {}")).hasMessage("not JSON");
  }

  @Test
  void threeToFiveDistinctOfferedCandidatesAreRead() throws Exception {
    assertThat(
            Answers.candidates(
                "{\"candidates\": [\"CC-A\", \"CC-B\", \"CC-C\"], \"reasoning\": \"\"}", OFFERED))
        .containsExactly("CC-A", "CC-B", "CC-C");
    assertThat(
            Answers.candidates(
                "{\"candidates\": [\"CC-A\", \"CC-B\", \"CC-C\", \"CC-Ubuntu22.04\","
                    + " \"CC-Ubuntu20.04-CUDA\"], \"reasoning\": \"\"}",
                OFFERED))
        .hasSize(5);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[\"CC-A\", \"CC-B\"]|2 candidates, need 3–5",
        "[]|0 candidates, need 3–5",
        "[\"CC-A\", \"CC-B\", \"CC-C\", \"CC-Ubuntu22.04\", \"CC-Ubuntu20.04-CUDA\","
            + " \"CC-Ubuntu22.04-CUDA\"]|6 candidates, need 3–5",
        "[\"CC-A\", \"CC-B\", \"CC-A\"]|image CC-A named twice",
        "[\"CC-A\", \"CC-B\", \"CC-Foo\"]|image CC-Foo not in the list",
        "[\"CC-A\", \"CC-B\", \"cc-c\"]|image cc-c not in the list",
        "[\"CC-A\", \"CC-B\", \"CC-C\\n\"]|image CC-C\\n not in the list",
      })
  void invalidCandidatesAreRejected(String candidates, String why) {
    String answer = "{\"candidates\": " + candidates + ", \"reasoning\": \"r\"}";

    assertThatThrownBy(() -> Answers.candidates(answer, OFFERED)).hasMessage(why);
  }

  @Test
  void fewerCandidatesAreEnoughWhenFewerWereOffered() throws Exception {
    assertThat(
            Answers.candidates(
                "{\"candidates\": [\"CC-A\", \"CC-B\"], \"reasoning\": \"\"}",
                List.of("CC-A", "CC-B")))
        .containsExactly("CC-A", "CC-B");
  }

  @Test
  void candidatesWithoutReasoningAreRejected() {
    assertThatThrownBy(
            () -> Answers.candidates("{\"candidates\": [\"CC-A\", \"CC-B\", \"CC-C\"]}", OFFERED))
        .hasMessage("reasoning missing");
  }

  @Test
  void theSelectedImageMustBeACandidate() throws Exception {
    assertThat(Answers.selected("{\"selected_image\": \"CC-A\", \"reasoning\": \"\"}", OFFERED))
        .isEqualTo("CC-A");
    assertThatThrownBy(
            () -> Answers.selected("{\"selected_image\": \"CC-Z\", \"reasoning\": \"\"}", OFFERED))
        .hasMessage("image CC-Z not among the candidates");
    assertThatThrownBy(
            () -> Answers.selected("{\"selected_image\": 3, \"reasoning\": \"\"}", OFFERED))
        .hasMessage("selected_image not a string");
  }

  @ParameterizedTest
  @CsvSource({
    "1, ",
    "24, ",
    "168, ",
    "0, duration_hours 0 out of range 1–168",
    "169, duration_hours 169 out of range 1–168",
    "-3, duration_hours -3 out of range 1–168",
    "24.5, duration_hours not an integer"
  })
  void theDurationMustBeOneToOneHundredSixtyEightHours(String hours, String why) {
    String answer = "{\"duration_hours\": " + hours + ", \"reasoning\": \"r\"}";
    if (why == null) {
      assertThat(catchValue(answer)).isEqualTo(Integer.parseInt(hours));
    } else {
      assertThatThrownBy(() -> Answers.durationHours(answer)).hasMessage(why);
    }
  }

  private static int catchValue(String answer) {
    try {
      return Answers.durationHours(answer);
    } catch (Answers.Rejected e) {
      throw new AssertionError(e.getMessage());
    }
  }
}
