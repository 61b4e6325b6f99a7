package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.SkipCause;
import dev.gort.common.pipeline.run.Step;
import dev.gort.common.pipeline.run.StepAttempt;
import dev.gort.common.pipeline.run.StepMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's steps as the JSON of {@code pipeline_run.steps}: every field {@link Step#restore} takes,
 * written out by hand so the stored shape does not change with a class's accessors. {@code
 * read(write(steps))} restores steps equal, field for field, to {@code steps}.
 */
final class StepsJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StepsJson() {}

  static String write(List<Step> steps) {
    ArrayNode out = JSON.createArrayNode();
    for (Step step : steps) {
      ObjectNode node = out.addObject();
      node.put("job", step.job());
      node.put("state", step.state().name());
      ArrayNode attempts = node.putArray("attempts");
      for (StepAttempt attempt : step.attempts()) {
        ObjectNode a = attempts.addObject();
        a.put("number", attempt.number());
        a.put("startedAt", text(attempt.startedAt()));
        a.put("finishedAt", text(attempt.finishedAt()));
        result(a, "result", attempt.result());
        a.put("interrupted", attempt.interrupted());
      }
      node.put("allowedFailure", step.allowedFailure());
      result(node, "pendingResult", step.pendingResult());
      node.put("markedFrom", step.markedFrom() == null ? null : step.markedFrom().name());
      node.put("skipCause", step.skipCause() == null ? null : step.skipCause().name());
      node.put("skipReason", step.skipReason());
      ArrayNode messages = node.putArray("messages");
      for (StepMessage message : step.messages()) {
        ObjectNode m = messages.addObject();
        m.put("actor", message.actor());
        m.put("text", message.text());
        m.put("at", text(message.at()));
      }
    }
    return out.toString();
  }

  static List<Step> read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored steps are not JSON: " + e.getOriginalMessage(), e);
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode node : root) {
      List<StepAttempt> attempts = new ArrayList<>();
      for (JsonNode a : node.path("attempts")) {
        attempts.add(
            new StepAttempt(
                a.path("number").asInt(),
                instant(a.path("startedAt")),
                instant(a.path("finishedAt")),
                result(a.path("result")),
                a.path("interrupted").asBoolean()));
      }
      List<StepMessage> messages = new ArrayList<>();
      for (JsonNode m : node.path("messages")) {
        messages.add(
            new StepMessage(
                textOrNull(m.path("actor")), textOrNull(m.path("text")), instant(m.path("at"))));
      }
      steps.add(
          Step.restore(
              node.path("job").asText(),
              StepState.valueOf(node.path("state").asText()),
              attempts,
              node.path("allowedFailure").asBoolean(),
              result(node.path("pendingResult")),
              enumOrNull(node.path("markedFrom"), StepState.class),
              enumOrNull(node.path("skipCause"), SkipCause.class),
              textOrNull(node.path("skipReason")),
              messages));
    }
    return steps;
  }

  private static void result(ObjectNode parent, String field, JobResult result) {
    if (result == null) {
      parent.putNull(field);
      return;
    }
    ObjectNode r = parent.putObject(field);
    r.put("succeeded", result.succeeded());
    r.put("exitCode", result.exitCode());
    r.put("failure", result.failure() == null ? null : result.failure().name());
    r.put("reason", result.reason());
  }

  private static JobResult result(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    JsonNode exitCode = node.path("exitCode");
    return new JobResult(
        node.path("succeeded").asBoolean(),
        exitCode.isNull() || exitCode.isMissingNode() ? null : exitCode.asInt(),
        enumOrNull(node.path("failure"), FailureClass.class),
        textOrNull(node.path("reason")));
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private static Instant instant(JsonNode node) {
    String text = textOrNull(node);
    return text == null ? null : Instant.parse(text);
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static <E extends Enum<E>> E enumOrNull(JsonNode node, Class<E> type) {
    String text = textOrNull(node);
    return text == null ? null : Enum.valueOf(type, text);
  }
}
