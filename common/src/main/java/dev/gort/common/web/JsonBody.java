package dev.gort.common.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body strictly and answers every way it can be wrong with a 4xx problem whose
 * detail names the field at fault but never an internal class or library: too large (413), not JSON
 * (415), not UTF-8, malformed, an unknown field, a wrong type, a NUL or control character, a value
 * longer than the endpoint takes (400). Nothing of the body is echoed beyond a bounded quote.
 */
public final class JsonBody {

  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper LENIENT =
      STRICT.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Parsers by string limit, made once each: a mapper is costly to copy and safe to share, and the
   * limits are the endpoints' constants, so there are a few.
   */
  private static final Map<Integer, ObjectMapper> PARSERS = new ConcurrentHashMap<>();

  private JsonBody() {}

  /**
   * The limits one endpoint puts on its body.
   *
   * @param maxBytes the largest body it takes
   * @param maxStringLength the longest string value (and field name) it takes
   * @param ignoreUnknownFields whether fields the endpoint does not know are ignored (for bodies
   *     written by a third party, such as a runner's callback) instead of refused
   */
  public record Limits(int maxBytes, int maxStringLength, boolean ignoreUnknownFields) {

    public static Limits of(int maxBytes, int maxStringLength) {
      return new Limits(maxBytes, maxStringLength, false);
    }

    /** These limits, ignoring fields the endpoint does not know. */
    public Limits ignoringUnknownFields() {
      return new Limits(maxBytes, maxStringLength, true);
    }
  }

  /**
   * The body as {@code type}; null when there is none (an empty body).
   *
   * @throws ProblemException 413, 415 or 400 as described on the class
   */
  public static <T> T readOptional(byte[] body, String contentType, Class<T> type, Limits limits) {
    if (body == null || body.length == 0) {
      return null;
    }
    requireJson(contentType);
    return read(body, type, limits);
  }

  /** Like {@link #readOptional}, but a missing body is a 400. */
  public static <T> T readRequired(byte[] body, String contentType, Class<T> type, Limits limits) {
    T value = readOptional(body, contentType, type, limits);
    if (value == null) {
      throw ProblemException.badRequest("a JSON body is required");
    }
    return value;
  }

  /** Parses {@code body} (whatever its declared type) into {@code type}, as described above. */
  public static <T> T read(byte[] body, Class<T> type, Limits limits) {
    JsonNode tree = tree(body, limits);
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      return null;
    }
    try {
      ObjectMapper mapper = limits.ignoreUnknownFields() ? LENIENT : STRICT;
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest(describe(e));
    } catch (IllegalArgumentException e) {
      // a record's own validation
      throw ProblemException.badRequest(
          "invalid body: " + Untrusted.escape(String.valueOf(e.getMessage()), 200));
    }
  }

  /** The body as a JSON tree, checked for size, encoding, control characters and lengths. */
  public static JsonNode tree(byte[] body, Limits limits) {
    if (body.length > limits.maxBytes()) {
      throw new ProblemException(
          413,
          "Content Too Large",
          "the body has "
              + body.length
              + " bytes; this endpoint takes at most "
              + limits.maxBytes());
    }
    requireUtf8(body);
    JsonNode tree;
    try {
      tree = parser(limits).readTree(body);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest(describe(e));
    } catch (IOException e) {
      throw ProblemException.badRequest("the body cannot be read");
    }
    if (tree != null) {
      check(tree, "", limits.maxStringLength());
    }
    return tree;
  }

  /** A detail for a JSON error that names the place and the field, never a class or library. */
  public static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : "; known fields: "
                  + u.getKnownPropertyIds().stream()
                      .map(String::valueOf)
                      .sorted()
                      .collect(Collectors.joining(", "));
      return "unknown field " + Untrusted.quote(u.getPropertyName()) + known;
    }
    if (e instanceof InvalidFormatException f) {
      return "field " + Untrusted.quote(path(f)) + " has a value of the wrong form";
    }
    if (e instanceof MismatchedInputException m) {
      if (String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
        return "malformed JSON: the body goes on after its first value";
      }
      String field = path(m);
      return field.isEmpty()
          ? "the body is not a JSON object of the expected shape"
          : "field " + Untrusted.quote(field) + " has the wrong type";
    }
    if (e instanceof JsonParseException p && p.getLocation() != null) {
      return "malformed JSON at line "
          + p.getLocation().getLineNr()
          + ", column "
          + p.getLocation().getColumnNr();
    }
    if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
      return "field " + Untrusted.quote(path(m)) + " is invalid";
    }
    return "malformed JSON body";
  }

  private static ObjectMapper parser(Limits limits) {
    return PARSERS.computeIfAbsent(limits.maxStringLength(), JsonBody::newParser);
  }

  private static ObjectMapper newParser(int maxStringLength) {
    ObjectMapper mapper = STRICT.copy();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(Math.max(maxStringLength, 1) * 4 + 16)
                .maxNestingDepth(32)
                .build());
    return mapper;
  }

  private static void requireJson(String contentType) {
    if (contentType == null || !isJson(contentType)) {
      throw new ProblemException(
          415, "Unsupported Media Type", "the request body must be application/json");
    }
  }

  static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static void requireUtf8(byte[] body) {
    try {
      StrictUtf8.decode(body);
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("the body is not valid UTF-8");
    }
  }

  private static void check(JsonNode node, String at, int maxLength) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.indexOf('\0') >= 0) {
        throw ProblemException.badRequest("field " + Untrusted.quote(at) + " contains a NUL");
      }
      if (text.length() > maxLength) {
        throw ProblemException.badRequest(
            "field "
                + Untrusted.quote(at)
                + " has "
                + text.length()
                + " characters; at most "
                + maxLength
                + " are taken");
      }
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        if (name.length() > maxLength || Untrusted.hasControlCharacter(name)) {
          throw ProblemException.badRequest("the body has an invalid field name");
        }
        check(field.getValue(), at.isEmpty() ? name : at + "." + name, maxLength);
      }
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), at + "[" + i + "]", maxLength);
      }
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
