package dev.gort.simulators.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Answers one chat completion request the way the behaviour set for its decision says: the decision
 * told apart by {@code response_format.json_schema.name} (or, without a schema, by the shape of the
 * question), a strict schema checked as OpenAI checks it, a good answer checked against the schema
 * sent.
 */
@Singleton
public class SimulatedModel {

  private static final Logger LOG = Logger.getLogger(SimulatedModel.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  static final String REFUSAL = "I'm sorry, but I can't help with that request.";

  /** What to answer: a status, its body, and how long to wait before answering. */
  public record Outcome(int status, Object body, Duration delay) {}

  private final ModelBehaviour behaviour;
  private final AiSimConfig config;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public SimulatedModel(
      ModelBehaviour behaviour, AiSimConfig config, ObjectMapper json, Clock clock) {
    this.behaviour = behaviour;
    this.config = config;
    this.json = json;
    this.clock = clock;
  }

  /** The outcome of the request {@code body} (an authorised caller's). */
  public Outcome answer(byte[] body) {
    JsonNode request;
    try {
      request = body == null || body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      return refused(
          null,
          null,
          false,
          OpenAiError.badRequest(
              "We could not parse the JSON body of your request. (HINT: This likely means you"
                  + " aren't using your HTTP library correctly. The OpenAI API expects a JSON"
                  + " payload, but what was sent was not valid JSON.)",
              null,
              null));
    }
    String model = request.path("model").asText("");
    if (model.isBlank()) {
      return refused(
          null,
          null,
          false,
          OpenAiError.badRequest("you must provide a model parameter", null, null));
    }
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray()) {
      return refused(
          null,
          model,
          false,
          OpenAiError.badRequest(
              "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
    }
    if (messages.isEmpty()) {
      return refused(
          null,
          model,
          false,
          OpenAiError.badRequest(
              "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an"
                  + " empty array instead.",
              "messages",
              "empty_array"));
    }
    if (request.path("stream").asBoolean(false)) {
      return refused(
          null,
          model,
          false,
          OpenAiError.badRequest(
              "The simulated model does not stream; send stream: false.", "stream", null));
    }
    String question = lastUserText(messages);
    JsonNode format = request.path("response_format");
    JsonNode jsonSchema =
        "json_schema".equals(format.path("type").asText()) ? format.path("json_schema") : null;
    String schemaName = jsonSchema == null ? null : jsonSchema.path("name").asText(null);
    JsonNode schema = jsonSchema == null ? null : jsonSchema.get("schema");
    boolean strict = jsonSchema != null && jsonSchema.path("strict").asBoolean(false);
    if (strict && schema != null) {
      String problem = AnswerSchema.strictProblem(schemaName, schema);
      if (problem != null) {
        return refused(
            Decision.named(schemaName).orElse(null),
            model,
            true,
            OpenAiError.badRequest(problem, "response_format", null));
      }
    }
    Optional<Decision> decision =
        schemaName != null && Decision.named(schemaName).isPresent()
            ? Decision.named(schemaName)
            : byShape(question);
    if (decision.isEmpty()) {
      return refused(
          null,
          model,
          strict,
          OpenAiError.badRequest(
              "The simulated model answers only the decisions "
                  + Decision.names()
                  + " (response_format.json_schema.name); got "
                  + (schemaName == null ? "no schema name" : Untrusted.quote(schemaName))
                  + ".",
              "response_format",
              null));
    }
    Decision d = decision.get();
    ModelBehaviour.Setting setting = behaviour.setting(d);
    switch (setting.mode()) {
      case ERROR -> {
        OpenAiError outage = OpenAiError.outage(setting.errorStatus());
        behaviour.record(d, setting.mode(), model, strict, outage.status(), null, List.of());
        return new Outcome(outage.status(), outage, Duration.ZERO);
      }
      case GARBAGE -> {
        return completed(
            d, setting.mode(), model, strict, messages, BadAnswers.garbage(d), null, Duration.ZERO);
      }
      case OUT_OF_RANGE -> {
        return completed(
            d,
            setting.mode(),
            model,
            strict,
            messages,
            BadAnswers.outOfRange(d).toString(),
            null,
            Duration.ZERO);
      }
      case REFUSE -> {
        return completed(d, setting.mode(), model, strict, messages, null, REFUSAL, Duration.ZERO);
      }
      default -> {
        ObjectNode good = good(d, question);
        AnswerSchema.fit(schema, good);
        List<String> problems = schema == null ? List.of() : AnswerSchema.problems(schema, good);
        if (!problems.isEmpty()) {
          LOG.warnf(
              "simulated model: its good answer to %s does not match the schema sent: %s",
              d.schemaName(), Untrusted.forLog(String.join("; ", problems)));
          OpenAiError mismatch =
              OpenAiError.badRequest(
                  "The simulated model's answer to '"
                      + d.schemaName()
                      + "' does not match the schema sent: "
                      + String.join("; ", problems),
                  "response_format",
                  "sim_schema_mismatch");
          behaviour.record(d, setting.mode(), model, strict, 400, good.toString(), problems);
          return new Outcome(400, mismatch, Duration.ZERO);
        }
        Duration delay =
            setting.mode() == AnswerMode.TIMEOUT ? config.timeoutDelay() : Duration.ZERO;
        return completed(d, setting.mode(), model, strict, messages, good.toString(), null, delay);
      }
    }
  }

  /** {@code GET /v1/models}: the one model configured. */
  public ObjectNode models() {
    ObjectNode list = json.createObjectNode();
    list.put("object", "list");
    ObjectNode entry = list.putArray("data").addObject();
    entry.put("id", config.model());
    entry.put("object", "model");
    entry.put("created", 1_721_172_741L);
    entry.put("owned_by", "system");
    return list;
  }

  private ObjectNode good(Decision decision, String question) {
    if (decision == Decision.REQUIREMENTS) {
      return GoodAnswers.requirements(question);
    }
    JsonNode asked = parse(question);
    return switch (decision) {
      case IMAGE_CANDIDATES -> GoodAnswers.imageCandidates(asked);
      case IMAGE_CHOICE -> GoodAnswers.imageChoice(asked);
      default -> GoodAnswers.leaseDuration(asked);
    };
  }

  /** The question as JSON; a question that is not a JSON object reads as an empty one. */
  private JsonNode parse(String question) {
    String text = question.strip();
    int from = text.indexOf('{');
    int to = text.lastIndexOf('}');
    if (from >= 0 && to > from) {
      try {
        JsonNode node = json.readTree(text.substring(from, to + 1));
        if (node.isObject()) {
          return node;
        }
      } catch (JsonProcessingException e) {
        // an empty question below
      }
    }
    return json.createObjectNode();
  }

  /** Without a schema name: the decision the question's shape belongs to. */
  private Optional<Decision> byShape(String question) {
    if (question.contains("=== ")) {
      return Optional.of(Decision.REQUIREMENTS);
    }
    JsonNode asked = parse(question);
    if (asked.has("images")) {
      return Optional.of(Decision.IMAGE_CANDIDATES);
    }
    if (asked.has("candidates")) {
      return Optional.of(Decision.IMAGE_CHOICE);
    }
    if (asked.has("current_time") || asked.has("project_type")) {
      return Optional.of(Decision.LEASE_DURATION);
    }
    return Optional.empty();
  }

  private static String lastUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText())) {
        return text(m.get("content"));
      }
    }
    return "";
  }

  /** A message's content: a string, or the text of its content parts. */
  private static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(part -> text.append(part.path("text").asText("")));
    return text.toString();
  }

  private Outcome refused(Decision decision, String model, boolean strict, OpenAiError error) {
    behaviour.record(decision, null, model, strict, error.status(), null, List.of());
    return new Outcome(error.status(), error, Duration.ZERO);
  }

  private Outcome completed(
      Decision decision,
      AnswerMode mode,
      String model,
      boolean strict,
      JsonNode messages,
      String content,
      String refusal,
      Duration delay) {
    behaviour.record(
        decision, mode, model, strict, 200, content == null ? refusal : content, List.of());
    ObjectNode completion = json.createObjectNode();
    completion.put("id", "chatcmpl-" + random(29));
    completion.put("object", "chat.completion");
    completion.put("created", clock.instant().getEpochSecond());
    completion.put("model", model);
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", refusal);
    message.putArray("annotations");
    choice.set("logprobs", NullNode.instance);
    choice.put("finish_reason", "stop");
    int promptTokens = Math.max(1, messages.toString().length() / 4);
    int completionTokens = Math.max(1, (content == null ? refusal : content).length() / 4);
    ObjectNode usage = completion.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", 0);
    promptDetails.put("audio_tokens", 0);
    ObjectNode completionDetails = usage.putObject("completion_tokens_details");
    completionDetails.put("reasoning_tokens", 0);
    completionDetails.put("audio_tokens", 0);
    completionDetails.put("accepted_prediction_tokens", 0);
    completionDetails.put("rejected_prediction_tokens", 0);
    completion.put("service_tier", "default");
    completion.put("system_fingerprint", "fp_gortsim01");
    return new Outcome(200, completion, delay);
  }

  static String random(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
