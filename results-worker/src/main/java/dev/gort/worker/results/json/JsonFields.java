package dev.gort.worker.results.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Lenient reads of fields of a results document's JSON objects: a missing field and a JSON {@code
 * null} both read as absent, and so does a value of another type, for the formats' optional
 * details. Fields whose wrong type makes a document unprocessable are checked by the parsers.
 */
public final class JsonFields {

  /** An http(s) link a report can show: no spaces or control characters, bounded. */
  private static final Pattern HTTP_LINK = Pattern.compile("https?://[^\\s\\p{Cntrl}]{1,2000}");

  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

  private JsonFields() {}

  /** The field's text, or null when absent or not a string. */
  public static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** Whether the field is there with a value other than {@code null}. */
  public static boolean present(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  /**
   * The field as an http(s) link, or null when absent or anything else ({@code javascript:}, a
   * path, a link with spaces): a report shows it as a link an owner may follow.
   */
  public static String httpLink(JsonNode object, String field) {
    return httpLink(text(object, field));
  }

  /** {@code link} if it is an http(s) link a report can show, otherwise null. */
  public static String httpLink(String link) {
    return link != null && HTTP_LINK.matcher(link).matches() ? link : null;
  }

  /**
   * A duration in seconds (a JSON number, or a decimal string as LAVA writes them) in milliseconds,
   * or null when absent, negative or not a number.
   */
  public static Long secondsAsMillis(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null) {
      return null;
    }
    double seconds;
    if (value.isNumber()) {
      seconds = value.asDouble();
    } else if (value.isTextual() && SECONDS.matcher(value.asText()).matches()) {
      seconds = Double.parseDouble(value.asText());
    } else {
      return null;
    }
    return secondsAsMillis(seconds);
  }

  /** {@code seconds} in milliseconds, or null when negative or not finite. */
  public static Long secondsAsMillis(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0 || seconds > Long.MAX_VALUE / 1000.0) {
      return null;
    }
    return Math.round(seconds * 1000);
  }

  /** A count (a whole JSON number, or a string of digits), or null when absent or not a count. */
  public static Integer count(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0) {
      return value.asInt();
    }
    if (value.isTextual() && COUNT.matcher(value.asText()).matches()) {
      return Integer.parseInt(value.asText());
    }
    return null;
  }
}
