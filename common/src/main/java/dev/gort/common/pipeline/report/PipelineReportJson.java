package dev.gort.common.pipeline.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.Untrusted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PipelineReport} as JSON: fields in {@code snake_case} ({@code started_at}, {@code
 * allowed_failure}), times as ISO-8601 UTC text, enum values as their constant names ({@code
 * SUCCEEDED}, {@code SCRIPT_FAILURE}, {@code MARKED_TO_PAUSE}) as the rest of Gort's API writes
 * them, absent values left out. Reading is strict: the {@code version} must be one this code knows,
 * unknown fields and enum values are refused, and every bound of the report holds.
 */
public final class PipelineReportJson {

  private static final ObjectMapper MAPPER = mapper();

  private PipelineReportJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(ReportLimits.MAX_LOG_CHARS * 6)
                .build());
    return mapper;
  }

  public static String write(PipelineReport report) {
    try {
      return MAPPER.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report always writes as JSON", e);
    }
  }

  /** The report as a JSON tree (for a command that prints several). */
  public static JsonNode toTree(PipelineReport report) {
    return MAPPER.valueToTree(report);
  }

  /**
   * @throws InvalidReportException when {@code json} is not a report this code can read, saying why
   */
  public static PipelineReport read(byte[] json) {
    if (json.length > ReportLimits.MAX_DOCUMENT_BYTES) {
      throw new InvalidReportException(
          "the report has " + json.length + " bytes, more than " + ReportLimits.MAX_DOCUMENT_BYTES);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidReportException("not JSON: " + firstLine(e), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidReportException("a report is a JSON object");
    }
    JsonNode version = tree.get("version");
    if (version == null || !version.isInt()) {
      throw new InvalidReportException("the report has no version");
    }
    if (version.intValue() != PipelineReport.VERSION) {
      throw new InvalidReportException(
          "report version "
              + version.intValue()
              + " is not supported; this gort reads version "
              + PipelineReport.VERSION);
    }
    try {
      return MAPPER.treeToValue(tree, PipelineReport.class);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidReportException) {
        throw (InvalidReportException) e.getCause();
      }
      throw new InvalidReportException("not a valid report: " + firstLine(e), e);
    } catch (JsonProcessingException e) {
      // the field at fault, in the words of every API's body errors: no class or library names
      throw new InvalidReportException("not a valid report: " + JsonBody.describe(e), e);
    } catch (IOException e) {
      throw new InvalidReportException("not a valid report: " + firstLine(e), e);
    }
  }

  public static PipelineReport read(String json) {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String firstLine(Exception e) {
    String message =
        e instanceof JsonProcessingException
            ? ((JsonProcessingException) e).getOriginalMessage()
            : e.getMessage();
    return Untrusted.escape(String.valueOf(message).lines().findFirst().orElse(""), 200);
  }
}
