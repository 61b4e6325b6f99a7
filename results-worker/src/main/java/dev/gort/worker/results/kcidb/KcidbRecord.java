package dev.gort.worker.results.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.UnprocessableResultsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One checkout, build or test object of KCIDB I/O data, its fields read as the v5 schema types
 * them: a field of the wrong type makes the document unprocessable, naming the object by its id.
 * JSON {@code null} reads as absent (the schema allows no nulls; reading one as "not said" is the
 * lenient way to honour "no special meaning apart from data is missing").
 */
final class KcidbRecord {

  static final String NOT_KCIDB = "not KCIDB data: ";

  /** v5's status of a build or test, highest priority first. */
  static final List<String> STATUSES = List.of("FAIL", "ERROR", "MISS", "PASS", "DONE", "SKIP");

  // the schema's origin_pattern and origin_id_pattern (kcidb_io/schema/v03_00.py, v05_00.py)
  private static final Pattern ORIGIN = Pattern.compile("[a-z0-9_]+");
  private static final Pattern ORIGIN_ID = Pattern.compile("[a-z0-9_]+:[^\\x00]*");

  private final JsonNode node;
  private final String named;

  /**
   * @param kind {@code checkout}, {@code build} or {@code test}
   * @param number its place in its list, from 1: how it is named when it has no usable id
   */
  KcidbRecord(JsonNode node, String kind, int number) {
    this.node = node;
    JsonNode id = node.get("id");
    this.named =
        id != null && id.isTextual()
            ? kind + " " + Untrusted.quote(id.asText())
            : kind + " number " + number;
  }

  /** The object's {@code id}, required, {@code origin:…}. */
  String id() throws UnprocessableResultsException {
    return requiredId("id");
  }

  /** A required reference to another object ({@code build_id}, {@code checkout_id}). */
  String requiredId(String field) throws UnprocessableResultsException {
    String id = text(field);
    if (id == null) {
      throw unprocessable("has no " + field);
    }
    if (!ORIGIN_ID.matcher(id).matches()) {
      throw unprocessable(
          "has the " + field + " " + Untrusted.quote(id) + ", which does not start with origin:");
    }
    return id;
  }

  /** The object's {@code origin}, required: the CI system that submitted it. */
  String origin() throws UnprocessableResultsException {
    String origin = text("origin");
    if (origin == null) {
      throw unprocessable("has no origin");
    }
    if (!ORIGIN.matcher(origin).matches()) {
      throw unprocessable(
          "has the origin "
              + Untrusted.quote(origin)
              + ", which is not lower-case letters, digits and _");
    }
    return origin;
  }

  /** An optional string field; null when absent. */
  String text(String field) throws UnprocessableResultsException {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw unprocessable("has a " + field + " that is not a string");
    }
    return value.asText();
  }

  /** An optional number field; null when absent. */
  Double number(String field) throws UnprocessableResultsException {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw unprocessable("has a " + field + " that is not a number");
    }
    return value.asDouble();
  }

  /** An optional boolean field; null when absent. */
  Boolean bool(String field) throws UnprocessableResultsException {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw unprocessable("has a " + field + " that is not true or false");
    }
    return value.asBoolean();
  }

  /** The optional {@code status}, one of {@link #STATUSES}; null when absent. */
  String status() throws UnprocessableResultsException {
    String status = text("status");
    if (status != null && !STATUSES.contains(status)) {
      throw unprocessable(
          "has the status "
              + Untrusted.quote(status)
              + ", which is none of "
              + String.join(", ", STATUSES));
    }
    return status;
  }

  UnprocessableResultsException unprocessable(String what) {
    return new UnprocessableResultsException(NOT_KCIDB + "the " + named + " " + what, null);
  }

  private JsonNode present(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }
}
