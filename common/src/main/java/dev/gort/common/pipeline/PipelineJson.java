package dev.gort.common.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;

/**
 * A pipeline as JSON, in the same shape as its file, so that the scheduler validates what the CLI
 * sends with the same {@link PipelineParser} (seed 003: the pipeline travels with the request).
 * {@code new PipelineParser().parse(toJson(spec))} equals {@code spec}.
 */
public final class PipelineJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PipelineJson() {}

  public static String toJson(PipelineSpec spec) {
    return toJsonNode(spec).toString();
  }

  public static ObjectNode toJsonNode(PipelineSpec spec) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("pipeline", spec.name());
    strings(root.putArray("stages"), spec.stages());
    ObjectNode jobs = root.putObject("jobs");
    spec.jobs().forEach((name, job) -> job(jobs.putObject(name), job));
    return root;
  }

  /**
   * The pipeline a request body carries, validated as a file would be; positions in the problems
   * refer to {@code json} as pretty-printed.
   *
   * @throws PipelineValidationException listing every problem
   */
  public static PipelineSpec fromJsonNode(JsonNode json) {
    String text;
    try {
      text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
    return new PipelineParser().parse(text);
  }

  private static void job(ObjectNode out, JobSpec job) {
    out.put("stage", job.stage());
    out.put("runner", job.runner());
    out.put("kind", job.kind());
    if (job.image() != null) {
      out.put("image", job.image());
    }
    strings(out.putArray("script"), job.script());
    if (job.needs() != null) {
      strings(out.putArray("needs"), job.needs());
    }
    allowFailure(out, job.allowFailure());
    if (job.timeout() != null) {
      out.put("timeout", job.timeout().toString());
    }
    retry(out, job.retry());
    if (!job.tags().isEmpty()) {
      ObjectNode tags = out.putObject("tags");
      job.tags().forEach(tags::put);
    }
    if (!job.onSuccess().isEmpty()) {
      strings(out.putArray("on_success"), job.onSuccess());
    }
    if (!job.onFailure().isEmpty()) {
      strings(out.putArray("on_failure"), job.onFailure());
    }
    if (job.input() != null) {
      out.put("input", job.input());
    }
  }

  private static void allowFailure(ObjectNode out, AllowFailure allow) {
    if (allow.any()) {
      out.put("allow_failure", true);
    } else if (!allow.exitCodes().isEmpty()) {
      ArrayNode codes = out.putObject("allow_failure").putArray("exit_codes");
      allow.exitCodes().stream().sorted().forEach(codes::add);
    }
  }

  private static void retry(ObjectNode out, RetryPolicy retry) {
    if (retry.when().isEmpty()) {
      if (retry.max() > 0) {
        out.put("retry", retry.max());
      }
      return;
    }
    ObjectNode node = out.putObject("retry");
    node.put("max", retry.max());
    ArrayNode when = node.putArray("when");
    retry.when().stream()
        .sorted(Comparator.naturalOrder())
        .map(FailureClass::wireName)
        .forEach(when::add);
  }

  private static void strings(ArrayNode out, Collection<String> values) {
    values.forEach(out::add);
  }
}
