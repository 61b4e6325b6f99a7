package dev.gort.simulators.ai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated model over HTTP, as the provisioner calls it: OpenAI's chat completion format, each
 * decision in each mode, its key, its schema checks, its request log.
 */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class ChatCompletionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sim-model-key";

  static final List<String> IMAGES =
      List.of(
          "CC-Ubuntu22.04",
          "CC-Ubuntu22.04-CUDA",
          "CC-Ubuntu22.04-CUDA-20240326",
          "CC-Ubuntu20.04-CUDA",
          "CC-Ubuntu24.04-CUDA",
          "CC-CentOS9-stream",
          "CC-CentOS8-stream-CUDA");

  @BeforeEach
  void reset() {
    given().delete("/sim/ai/behaviour").then().statusCode(200);
    given().delete("/sim/ai/requests").then().statusCode(204);
  }

  @Test
  void goodRequirementsComeFromTheFilesInOpenAisFormat() throws Exception {
    ExtractableResponse<Response> answer =
        ask(requirementsQuestion(GoodAnswersTest.GPU_FILES)).statusCode(200).extract();
    assertThat(answer.header("x-request-id")).startsWith("req_");
    assertThat(answer.path("id").toString()).startsWith("chatcmpl-");
    assertThat((String) answer.path("object")).isEqualTo("chat.completion");
    assertThat((String) answer.path("model")).isEqualTo("gpt-4o-mini");
    assertThat((Object) answer.path("created")).isNotNull();
    assertThat((Integer) answer.path("choices[0].index")).isZero();
    assertThat((String) answer.path("choices[0].message.role")).isEqualTo("assistant");
    assertThat((Object) answer.path("choices[0].message.refusal")).isNull();
    assertThat((String) answer.path("choices[0].finish_reason")).isEqualTo("stop");
    assertThat((Integer) answer.path("usage.total_tokens"))
        .isEqualTo(
            (Integer) answer.path("usage.prompt_tokens")
                + (Integer) answer.path("usage.completion_tokens"));
    JsonNode content = JSON.readTree((String) answer.path("choices[0].message.content"));
    assertThat(content.path("gpu_required").asBoolean()).isTrue();
    assertThat(content.path("cuda_required").asBoolean()).isTrue();
    assertThat(content.path("gpu_memory_gb").asInt()).isBetween(8, 16);
    assertThat(content.path("python_version").asText()).isEqualTo("3.10");
    assertThat(AnswerSchema.problems(requirementsSchema(), content)).isEmpty();

    JsonNode cpu =
        content(ask(requirementsQuestion(GoodAnswersTest.CPU_FILES)).statusCode(200).extract());
    assertThat(cpu.path("gpu_required").asBoolean()).isFalse();
    assertThat(cpu.path("python_version").asText()).isEqualTo("3.11");
  }

  @Test
  void goodCandidatesAreOfferedNames() throws Exception {
    JsonNode content = content(ask(candidatesQuestion()).statusCode(200).extract());
    List<String> names = new ArrayList<>();
    content.path("candidates").forEach(n -> names.add(n.asText()));
    assertThat(names)
        .hasSizeBetween(3, 5)
        .allMatch(IMAGES::contains)
        .allMatch(n -> n.contains("CUDA"));
    assertThat(content.path("reasoning").asText()).isNotBlank();
  }

  @Test
  void goodChoiceIsOneOfTheCandidates() throws Exception {
    JsonNode content = content(ask(choiceQuestion()).statusCode(200).extract());
    assertThat(content.path("selected_image").asText()).isEqualTo("CC-Ubuntu22.04-CUDA-20240326");
  }

  @Test
  void goodDurationIsADayForGpuWork() throws Exception {
    JsonNode content = content(ask(durationQuestion(true)).statusCode(200).extract());
    assertThat(content.path("duration_hours").asInt()).isEqualTo(24);
    assertThat(
            content(ask(durationQuestion(false)).statusCode(200).extract())
                .path("duration_hours")
                .asInt())
        .isEqualTo(8);
  }

  @Test
  void garbageIsNotJson() {
    behave("*", "garbage", null);
    for (ObjectNode question :
        List.of(
            requirementsQuestion(GoodAnswersTest.GPU_FILES),
            candidatesQuestion(),
            choiceQuestion(),
            durationQuestion(true))) {
      String content = ask(question).statusCode(200).extract().path("choices[0].message.content");
      assertThat(content).isNotBlank();
      assertThatThrownBy(() -> JSON.readTree(content)).isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void outOfRangeIsWellFormedButNotOnOffer() throws Exception {
    behave("*", "out-of-range", null);
    JsonNode candidates = content(ask(candidatesQuestion()).statusCode(200).extract());
    candidates.path("candidates").forEach(n -> assertThat(IMAGES).doesNotContain(n.asText()));
    JsonNode choice = content(ask(choiceQuestion()).statusCode(200).extract());
    assertThat(choice.path("selected_image").asText()).isNotIn(IMAGES);
    assertThat(
            content(ask(durationQuestion(true)).statusCode(200).extract())
                .path("duration_hours")
                .asInt())
        .isGreaterThan(168);
    assertThat(
            content(ask(requirementsQuestion(GoodAnswersTest.GPU_FILES)).statusCode(200).extract())
                .path("cpu_cores")
                .asInt())
        .isGreaterThan(1000);
  }

  @Test
  void refuseSetsTheRefusalAndNoContent() {
    behave("image_choice", "refuse", null);
    ask(choiceQuestion())
        .statusCode(200)
        .body("choices[0].message.content", nullValue())
        .body("choices[0].message.refusal", notNullValue());
    // the other decisions are still answered well
    ask(durationQuestion(true)).statusCode(200).body("choices[0].message.content", notNullValue());
  }

  @Test
  void errorAnswersTheStatusWithOpenAisErrorBody() {
    behave("lease_duration", "error", null);
    ask(durationQuestion(true))
        .statusCode(500)
        .body("error.type", equalTo("server_error"))
        .body("error.message", notNullValue())
        .body("error.param", nullValue())
        .body("error.code", nullValue());
    behave("lease_duration", "error", 429);
    ask(durationQuestion(true))
        .statusCode(429)
        .body("error.code", equalTo("rate_limit_exceeded"))
        .body("error.type", equalTo("requests"));
  }

  @Test
  void timeoutAnswersLateWithoutHoldingUpOtherRequests() throws Exception {
    behave("requirements", "timeout", null);
    long started = System.nanoTime();
    CompletableFuture<Integer> slow =
        CompletableFuture.supplyAsync(
            () -> ask(requirementsQuestion(GoodAnswersTest.GPU_FILES)).extract().statusCode());
    // while it waits, other questions are answered at once
    for (int i = 0; i < 5; i++) {
      ask(durationQuestion(true)).statusCode(200);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(slow.get()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aMissingOrWrongKeyIs401() {
    given()
        .contentType("application/json")
        .body(durationQuestion(true).toString())
        .post("/v1/chat/completions")
        .then()
        .statusCode(401)
        .body("error.type", equalTo("invalid_request_error"));
    given()
        .header("Authorization", "Bearer not-the-key")
        .contentType("application/json")
        .body(durationQuestion(true).toString())
        .post("/v1/chat/completions")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("invalid_api_key"));
    given().get("/v1/models").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + KEY)
        .get("/v1/models")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"))
        .body("data[0].id", equalTo("gpt-4o-mini"))
        .body("data[0].object", equalTo("model"));
  }

  @Test
  void aStrictSchemaThatOpenAiRefusesIsRefused() {
    ObjectNode question = durationQuestion(true);
    ((ObjectNode) question.at("/response_format/json_schema/schema"))
        .remove("additionalProperties");
    ask(question)
        .statusCode(400)
        .body("error.type", equalTo("invalid_request_error"))
        .body("error.param", equalTo("response_format"));
  }

  @Test
  void aSchemaTheGoodAnswerDoesNotMatchIs400AndLogged() {
    ObjectNode question = durationQuestion(true);
    ObjectNode schema = (ObjectNode) question.at("/response_format/json_schema/schema");
    ((ObjectNode) schema.path("properties")).putObject("hours").put("type", "integer");
    schema.withArray("required").add("hours");
    ask(question).statusCode(400).body("error.code", equalTo("sim_schema_mismatch"));
    given()
        .get("/sim/ai/requests")
        .then()
        .body("value", hasSize(1))
        .body("value[0].status", equalTo(400))
        .body("value[0].schemaProblems", hasSize(1));
  }

  @Test
  void badRequestsAreAnsweredAsOpenAiDoes() {
    given()
        .header("Authorization", "Bearer " + KEY)
        .contentType("application/json")
        .body("{not json")
        .post("/v1/chat/completions")
        .then()
        .statusCode(400)
        .body("error.type", equalTo("invalid_request_error"));
    given()
        .header("Authorization", "Bearer " + KEY)
        .contentType("application/json")
        .body("{\"model\": \"gpt-4o-mini\"}")
        .post("/v1/chat/completions")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("messages"));
  }

  @Test
  void theRequestsAreListedWithDecisionAndModeAndCleared() {
    behave("image_candidates", "garbage", null);
    ask(candidatesQuestion()).statusCode(200);
    ask(durationQuestion(false)).statusCode(200);
    given()
        .get("/sim/ai/requests")
        .then()
        .statusCode(200)
        .body("value", hasSize(2))
        .body("value[0].decision", equalTo("image_candidates"))
        .body("value[0].mode", equalTo("garbage"))
        .body("value[0].receivedAt", notNullValue())
        .body("value[1].decision", equalTo("lease_duration"))
        .body("value[1].mode", equalTo("good"));
    given()
        .queryParam("decision", "lease_duration")
        .get("/sim/ai/requests")
        .then()
        .body("value", hasSize(1));
    given().delete("/sim/ai/requests").then().statusCode(204);
    given().get("/sim/ai/requests").then().body("value", hasSize(0));
  }

  @Test
  void anUnknownDecisionOrModeIsABadRequest() {
    given()
        .contentType("application/json")
        .body("{\"decision\": \"flavour\", \"mode\": \"good\"}")
        .put("/sim/ai/behaviour")
        .then()
        .statusCode(400);
    given()
        .contentType("application/json")
        .body("{\"decision\": \"*\", \"mode\": \"sulk\"}")
        .put("/sim/ai/behaviour")
        .then()
        .statusCode(400);
    given()
        .contentType("application/json")
        .body("{\"decision\": \"*\", \"mode\": \"good\", \"status\": 500}")
        .put("/sim/ai/behaviour")
        .then()
        .statusCode(400);
  }

  private static void behave(String decision, String mode, Integer status) {
    ObjectNode body = JSON.createObjectNode().put("decision", decision).put("mode", mode);
    if (status != null) {
      body.put("status", status);
    }
    given()
        .contentType("application/json")
        .body(body.toString())
        .put("/sim/ai/behaviour")
        .then()
        .statusCode(200);
  }

  private static io.restassured.response.ValidatableResponse ask(ObjectNode question) {
    return given()
        .header("Authorization", "Bearer " + KEY)
        .contentType("application/json")
        .body(question.toString())
        .post("/v1/chat/completions")
        .then();
  }

  private static JsonNode content(ExtractableResponse<Response> answer) throws Exception {
    return JSON.readTree((String) answer.path("choices[0].message.content"));
  }

  /** A chat request as langchain4j sends it: a system and a user message, a strict schema. */
  private static ObjectNode request(String name, ObjectNode schema, String user) {
    ObjectNode request = JSON.createObjectNode().put("model", "gpt-4o-mini");
    request
        .putArray("messages")
        .add(JSON.createObjectNode().put("role", "system").put("content", "Answer in JSON."))
        .add(JSON.createObjectNode().put("role", "user").put("content", user));
    ObjectNode format = request.putObject("response_format").put("type", "json_schema");
    format.putObject("json_schema").put("name", name).put("strict", true).set("schema", schema);
    return request;
  }

  private static ObjectNode object(String... properties) {
    ObjectNode schema =
        JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
    ObjectNode props = schema.putObject("properties");
    for (int i = 0; i < properties.length; i += 2) {
      String type = properties[i + 1];
      if (type.equals("string[]")) {
        props
            .putObject(properties[i])
            .put("type", "array")
            .putObject("items")
            .put("type", "string");
      } else {
        props.putObject(properties[i]).put("type", type);
      }
      schema.withArray("required").add(properties[i]);
    }
    return schema;
  }

  static ObjectNode requirementsSchema() {
    return object(
        "cpu_cores",
        "integer",
        "ram_gb",
        "integer",
        "gpu_required",
        "boolean",
        "gpu_memory_gb",
        "integer",
        "disk_gb",
        "integer",
        "os_type",
        "string",
        "os_version",
        "string",
        "cuda_required",
        "boolean",
        "python_version",
        "string",
        "special_requirements",
        "string[]");
  }

  private static ObjectNode requirementsQuestion(String files) {
    return request("requirements", requirementsSchema(), files);
  }

  private static ObjectNode gpuRequirements() {
    return JSON.createObjectNode()
        .put("gpu_required", true)
        .put("cuda_required", true)
        .put("ram_gb", 64)
        .put("disk_gb", 200)
        .put("os_type", "ubuntu")
        .put("os_version", "22.04");
  }

  private static ObjectNode candidatesQuestion() {
    ObjectNode question = JSON.createObjectNode();
    question.set("requirements", gpuRequirements());
    IMAGES.forEach(question.putArray("images")::add);
    ObjectNode schema = object("candidates", "string[]", "reasoning", "string");
    ((ObjectNode) schema.path("properties").path("candidates"))
        .put("minItems", 3)
        .put("maxItems", 5);
    return request("image_candidates", schema, question.toString());
  }

  private static ObjectNode choiceQuestion() {
    ObjectNode question = JSON.createObjectNode();
    question.set("requirements", gpuRequirements());
    var candidates = question.putArray("candidates");
    candidates
        .addObject()
        .put("name", "CC-Ubuntu22.04-CUDA")
        .put("id", "i-1")
        .put("size", 9_000_000_000L)
        .put("min_disk", 40)
        .put("min_ram", 4096)
        .put("created_at", "2023-11-02T10:00:00Z");
    candidates
        .addObject()
        .put("name", "CC-Ubuntu22.04-CUDA-20240326")
        .put("id", "i-2")
        .put("size", 9_100_000_000L)
        .put("min_disk", 40)
        .put("min_ram", 4096)
        .put("created_at", "2024-03-26T10:00:00Z");
    candidates
        .addObject()
        .put("name", "CC-Ubuntu20.04-CUDA")
        .put("id", "i-3")
        .put("size", 8_000_000_000L)
        .put("min_disk", 40)
        .put("min_ram", 4096)
        .put("created_at", "2022-05-01T10:00:00Z");
    return request(
        "image_choice",
        object("selected_image", "string", "reasoning", "string"),
        question.toString());
  }

  private static ObjectNode durationQuestion(boolean gpu) {
    ObjectNode question =
        JSON.createObjectNode()
            .put("current_time", "2026-12-03 10:00:00")
            .put("project_type", gpu ? "gpu training" : "web service");
    question.set(
        "requirements",
        gpu ? gpuRequirements() : JSON.createObjectNode().put("gpu_required", false));
    ObjectNode schema = object("duration_hours", "integer", "reasoning", "string");
    ((ObjectNode) schema.path("properties").path("duration_hours"))
        .put("minimum", 1)
        .put("maximum", 168);
    return request("lease_duration", schema, question.toString());
  }
}
