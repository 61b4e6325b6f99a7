package dev.gort.simulators.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated model's good answers, computed from the question alone. */
class GoodAnswersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String GPU_FILES =
      "=== requirements.txt ===\ntorch==2.3.1\nnumpy==1.26.4\n"
          + "=== environment.yml ===\ndependencies:\n  - python=3.10\n  - pytorch-cuda=12.1\n"
          + "=== Dockerfile ===\nFROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04\n"
          + "=== README.md ===\nTrain on a GPU with at least 12 GB of GPU memory.\n";

  static final String CPU_FILES =
      "=== pyproject.toml ===\n[project]\nrequires-python = \">=3.11\"\ndependencies = [\"flask\","
          + " \"requests\"]\n=== README.md ===\nRuns on any laptop; no GPU is needed.\n";

  @Test
  void gpuFilesNeedAGpuWithCudaAndTheirPythonVersion() {
    ObjectNode answer = GoodAnswers.requirements(GPU_FILES);
    assertThat(answer.path("gpu_required").asBoolean()).isTrue();
    assertThat(answer.path("cuda_required").asBoolean()).isTrue();
    assertThat(answer.path("gpu_memory_gb").asInt()).isEqualTo(12);
    assertThat(answer.path("python_version").asText()).isEqualTo("3.10");
    assertThat(answer.path("os_type").asText()).isEqualTo("ubuntu");
    assertThat(answer.path("os_version").asText()).isEqualTo("22.04");
    assertThat(answer.path("special_requirements").toString())
        .contains("pytorch", "cuda", "docker", "conda");
  }

  @Test
  void cpuFilesNeedNoGpu() {
    ObjectNode answer = GoodAnswers.requirements(CPU_FILES);
    assertThat(answer.path("gpu_required").asBoolean()).isFalse();
    assertThat(answer.path("cuda_required").asBoolean()).isFalse();
    assertThat(answer.path("gpu_memory_gb").asInt()).isZero();
    assertThat(answer.path("python_version").asText()).isEqualTo("3.11");
    assertThat(answer.path("cpu_cores").asInt()).isBetween(1, 8);
  }

  @Test
  void theFilesAreCutAtTheirHeaders() {
    assertThat(GoodAnswers.files(CPU_FILES)).containsOnlyKeys("pyproject.toml", "README.md");
    assertThat(GoodAnswers.files(CPU_FILES).get("README.md")).contains("no GPU is needed");
  }

  @Test
  void candidatesAreThreeToFiveOfferedCudaImagesForAGpuProject() throws Exception {
    JsonNode question =
        JSON.readTree(
            "{\"requirements\": {\"gpu_required\": true, \"cuda_required\": true, \"os_type\":"
                + " \"ubuntu\", \"os_version\": \"22.04\"}, \"images\": [\"CC-Ubuntu22.04\","
                + " \"CC-Ubuntu22.04-CUDA\", \"CC-Ubuntu20.04-CUDA\", \"CC-Ubuntu22.04-CUDA-20240326\","
                + " \"CC-CentOS8-stream-CUDA\", \"CC-Ubuntu24.04-CUDA\", \"CC-Ubuntu24.04\","
                + " \"my-own-image\", \"CC-Ubuntu22.04-CUDA-20231102\"]}");
    List<String> candidates = names(GoodAnswers.imageCandidates(question).path("candidates"));
    assertThat(candidates)
        .hasSizeBetween(3, 5)
        .allMatch(n -> n.contains("CUDA"))
        .doesNotHaveDuplicates();
    assertThat(candidates.get(0)).startsWith("CC-Ubuntu22.04-CUDA");
    assertThat(candidates).doesNotContain("CC-CentOS8-stream-CUDA");
  }

  @Test
  void candidatesAreFilledUpToThreeFromTheListWhenFewFit() throws Exception {
    JsonNode question =
        JSON.readTree(
            "{\"requirements\": {\"gpuRequired\": false}, \"images\": [\"CC-Ubuntu22.04-CUDA\","
                + " \"CC-Ubuntu22.04\", \"CC-Ubuntu20.04-CUDA\", \"CC-Ubuntu24.04-CUDA\"]}");
    List<String> candidates = names(GoodAnswers.imageCandidates(question).path("candidates"));
    assertThat(candidates).hasSize(3).startsWith("CC-Ubuntu22.04");
  }

  @Test
  void theChoiceIsTheNewestAdequateCandidate() throws Exception {
    JsonNode question =
        JSON.readTree(
            "{\"requirements\": {\"gpu_required\": true, \"ram_gb\": 64, \"disk_gb\": 100},"
                + " \"candidates\": ["
                + "{\"name\": \"CC-Ubuntu22.04-CUDA-20231102\", \"id\": \"a\", \"min_disk\": 40,"
                + " \"min_ram\": 4096, \"created_at\": \"2023-11-02T10:00:00Z\"},"
                + "{\"name\": \"CC-Ubuntu22.04-CUDA\", \"id\": \"b\", \"min_disk\": 40, \"min_ram\":"
                + " 4096, \"created_at\": \"2024-03-26T10:00:00Z\"},"
                + "{\"name\": \"CC-Ubuntu24.04-CUDA\", \"id\": \"c\", \"min_disk\": 500, \"min_ram\":"
                + " 4096, \"created_at\": \"2025-01-10T10:00:00Z\"},"
                + "{\"name\": \"CC-Ubuntu24.04\", \"id\": \"d\", \"min_disk\": 10, \"min_ram\": 1024,"
                + " \"created_at\": \"2025-06-10T10:00:00Z\"}]}");
    assertThat(GoodAnswers.imageChoice(question).path("selected_image").asText())
        .isEqualTo("CC-Ubuntu22.04-CUDA");
  }

  @Test
  void aDayForGpuWorkAWorkingDayForTheRest() throws Exception {
    assertThat(
            GoodAnswers.leaseDuration(JSON.readTree("{\"requirements\": {\"gpu_required\": true}}"))
                .path("duration_hours")
                .asInt())
        .isEqualTo(24);
    assertThat(
            GoodAnswers.leaseDuration(
                    JSON.readTree("{\"requirements\": {}, \"project_type\": \"machine learning\"}"))
                .path("duration_hours")
                .asInt())
        .isEqualTo(24);
    assertThat(
            GoodAnswers.leaseDuration(
                    JSON.readTree(
                        "{\"requirements\": {\"gpu_required\": false}, \"project_type\": \"web service\"}"))
                .path("duration_hours")
                .asInt())
        .isEqualTo(8);
  }

  @Test
  void aStrictSchemaMustCloseEveryObject() throws Exception {
    JsonNode open =
        JSON.readTree(
            "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"a\"]}");
    assertThat(AnswerSchema.strictProblem("x", open))
        .contains("'additionalProperties' is required");
    JsonNode partial =
        JSON.readTree(
            "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"a\": {\"type\":"
                + " \"string\"}, \"b\": {\"type\": \"object\", \"properties\": {}}}, \"required\": [\"a\"]}");
    assertThat(AnswerSchema.strictProblem("x", partial)).contains("Missing 'b'");
    JsonNode nested =
        JSON.readTree(
            "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"b\": {\"type\":"
                + " \"object\", \"properties\": {}}}, \"required\": [\"b\"]}");
    assertThat(AnswerSchema.strictProblem("x", nested)).contains("context=('properties', 'b')");
  }

  @Test
  void aGoodAnswerIsFittedToTheSchemasEnumsAndBounds() throws Exception {
    JsonNode schema =
        JSON.readTree(
            "{\"type\": \"object\", \"properties\": {\"os_type\": {\"type\": \"string\", \"enum\":"
                + " [\"Ubuntu\", \"CentOS\"]}, \"disk_gb\": {\"type\": \"integer\", \"minimum\": 10,"
                + " \"maximum\": 100}, \"cpu_cores\": {\"type\": \"integer\", \"minimum\": 32}}}");
    ObjectNode answer = GoodAnswers.requirements(GPU_FILES);
    assertThat(AnswerSchema.problems(schema, answer)).isNotEmpty();
    AnswerSchema.fit(schema, answer);
    assertThat(answer.path("os_type").asText()).isEqualTo("Ubuntu");
    assertThat(answer.path("disk_gb").asInt()).isEqualTo(100);
    assertThat(answer.path("cpu_cores").asInt()).isEqualTo(32);
    assertThat(AnswerSchema.problems(schema, answer)).isEmpty();
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }
}
