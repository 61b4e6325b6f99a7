package dev.gort.worker.results.tap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * What a test point's YAML diagnostics said: its {@code message} (node's {@code error}), its {@code
 * duration_ms} (node writes it), node's {@code failureType}, and the rest of the block as output. A
 * block that is not a YAML mapping is kept raw, as output only.
 *
 * @param message the failure message, or null
 * @param durationMs how long the test ran, or null
 * @param failureType node's kind of failure ({@code testCodeFailure}, {@code hookFailed}...), or
 *     null
 * @param output the rest of the block as YAML, or the raw block when it could not be read; null
 *     when nothing is left
 */
record YamlDiagnostics(String message, Long durationMs, String failureType, String output) {

  static final YamlDiagnostics NONE = new YamlDiagnostics(null, null, null, null);

  // Jackson reads YAML as a token stream: no tags become objects and aliases stay names, never
  // expanded; the loader limits still bound what SnakeYAML scans.
  private static final YAMLMapper MAPPER = new YAMLMapper(yamlFactory());

  static YamlDiagnostics of(YamlBlock block) {
    String text = block.text();
    if (text.isBlank()) {
      return NONE;
    }
    if (block.oversized()) {
      return raw(text);
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || !root.isObject()) {
        return raw(text);
      }
      ObjectNode fields = (ObjectNode) root;
      String message = take(fields, "message");
      if (message == null) {
        message = take(fields, "error");
      }
      Long durationMs = millis(fields.get("duration_ms"));
      if (durationMs != null) {
        fields.remove("duration_ms");
      }
      String failureType = scalar(fields.get("failureType"));
      String output = fields.isEmpty() ? null : MAPPER.writeValueAsString(fields).strip();
      return new YamlDiagnostics(message, durationMs, failureType, output);
    } catch (IOException | RuntimeException malformed) {
      return raw(text);
    }
  }

  private static YamlDiagnostics raw(String text) {
    return new YamlDiagnostics(null, null, null, text.strip());
  }

  private static String take(ObjectNode fields, String key) {
    String value = scalar(fields.get(key));
    if (value != null) {
      fields.remove(key);
    }
    return value;
  }

  private static String scalar(JsonNode node) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      return null;
    }
    return node.asText();
  }

  private static Long millis(JsonNode node) {
    double value;
    if (node != null && node.isNumber()) {
      value = node.asDouble();
    } else if (node != null && node.isTextual()) {
      try {
        value = Double.parseDouble(node.asText());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    } else {
      return null;
    }
    if (!Double.isFinite(value) || value < 0 || value > 1e15) {
      return null;
    }
    return Math.round(value);
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(10);
    loader.setNestingDepthLimit(32);
    loader.setAllowRecursiveKeys(false);
    loader.setCodePointLimit(YamlBlock.MAX_CHARS * 2);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .build();
  }
}
