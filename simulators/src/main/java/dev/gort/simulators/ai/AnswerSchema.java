package dev.gort.simulators.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of a request's {@code response_format}: what OpenAI refuses in a strict schema
 * (structured outputs: every object closed with {@code additionalProperties: false} and every
 * property required), and whether an answer matches it.
 */
final class AnswerSchema {

  /** The most problems reported of one answer. */
  static final int MAX_PROBLEMS = 20;

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

  private AnswerSchema() {}

  /**
   * Why OpenAI would refuse {@code schema} as a strict structured-output schema named {@code name},
   * in its words; null when it would take it.
   */
  static String strictProblem(String name, JsonNode schema) {
    return strictProblem(name, schema, "");
  }

  private static String strictProblem(String name, JsonNode node, String context) {
    if (node == null || !node.isObject()) {
      return null;
    }
    boolean object = "object".equals(node.path("type").asText()) || node.has("properties");
    if (object) {
      if (!node.path("additionalProperties").isBoolean()
          || node.path("additionalProperties").asBoolean()) {
        return prefix(name, context)
            + "'additionalProperties' is required to be supplied and to be false.";
      }
      List<String> required = new ArrayList<>();
      node.path("required").forEach(r -> required.add(r.asText()));
      Iterator<String> keys = node.path("properties").fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (!required.contains(key)) {
          return prefix(name, context)
              + "'required' is required to be supplied and to be an array including every key in"
              + " properties. Missing '"
              + key
              + "'.";
        }
      }
    }
    for (String container : List.of("properties", "$defs", "definitions")) {
      Iterator<Map.Entry<String, JsonNode>> children = node.path(container).fields();
      while (children.hasNext()) {
        Map.Entry<String, JsonNode> child = children.next();
        String found =
            strictProblem(
                name,
                child.getValue(),
                context + "'" + container + "', '" + child.getKey() + "', ");
        if (found != null) {
          return found;
        }
      }
    }
    String items = strictProblem(name, node.get("items"), context + "'items', ");
    if (items != null) {
      return items;
    }
    for (String union : List.of("anyOf", "allOf")) {
      JsonNode options = node.path(union);
      for (int i = 0; i < options.size(); i++) {
        String found =
            strictProblem(name, options.get(i), context + "'" + union + "', '" + i + "', ");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String prefix(String name, String context) {
    String inner = context.endsWith(", ") ? context.substring(0, context.length() - 2) : context;
    return "Invalid schema for response_format '" + name + "': In context=(" + inner + "), ";
  }

  /**
   * Fits a good answer to what the schema sent constrains, as a model decoding under the schema
   * would: a string property with an {@code enum} takes the member equal to it ignoring case, an
   * integer property is kept within its {@code minimum} and {@code maximum}. Top level only.
   */
  static void fit(JsonNode schema, ObjectNode answer) {
    if (schema == null) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode value = answer.get(property.getKey());
      JsonNode constraint = property.getValue();
      if (value == null) {
        continue;
      }
      if (value.isTextual() && constraint.path("enum").isArray()) {
        for (JsonNode member : constraint.path("enum")) {
          if (member.isTextual() && member.asText().equalsIgnoreCase(value.asText())) {
            answer.put(property.getKey(), member.asText());
          }
        }
      } else if (value.isIntegralNumber()) {
        long fitted = value.asLong();
        if (constraint.path("minimum").isNumber()) {
          fitted = Math.max(fitted, (long) Math.ceil(constraint.path("minimum").asDouble()));
        }
        if (constraint.path("maximum").isNumber()) {
          fitted = Math.min(fitted, (long) Math.floor(constraint.path("maximum").asDouble()));
        }
        answer.put(property.getKey(), fitted);
      }
    }
  }

  /** What is wrong with {@code answer} against {@code schema}: {@code "<pointer>: <problem>"}. */
  static List<String> problems(JsonNode schema, JsonNode answer) {
    JsonSchema compiled;
    try {
      JsonNode bare = schema;
      if (schema.has("$schema") && schema.isObject()) {
        // the sent schema is read as JSON Schema 2020-12 whatever draft it names
        bare = ((ObjectNode) schema).deepCopy().without("$schema");
      }
      compiled = FACTORY.getSchema(bare, CONFIG);
    } catch (RuntimeException e) {
      return List.of(": the schema cannot be compiled: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : compiled.validate(answer)) {
      if (problems.size() == MAX_PROBLEMS) {
        break;
      }
      problems.add(m.getInstanceLocation() + ": " + m.getMessage());
    }
    problems.sort(null);
    return problems;
  }
}
