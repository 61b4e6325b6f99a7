package dev.gort.worker.results.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON results documents read within bounds ({@link ParseLimits#maxDepth()} levels, strings of at
 * most {@link #MAX_STRING_CHARS}), and what went wrong reading one told as a sentence naming the
 * line and column, without the parser's own class names or source descriptions.
 */
public final class BoundedJson {

  /**
   * Longest string value read: far above any real message or log excerpt (KCIDB caps excerpts at 16
   * KiB), far below what would strain the heap.
   */
  public static final int MAX_STRING_CHARS = 1024 * 1024;

  private static final int MAX_DETAIL = 160;
  private static final ObjectMapper TREES = new ObjectMapper();

  private BoundedJson() {}

  /** A streaming parser over {@code document} that refuses to go past {@code limits}. */
  public static JsonParser open(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            .build();
    try {
      return factory.createParser(document);
    } catch (IOException e) {
      throw new UnprocessableResultsException("the document could not be read", e);
    }
  }

  /** The value the parser is at (an object, array or scalar) as a tree, the parser past it. */
  public static JsonNode readTree(JsonParser parser) throws IOException {
    return TREES.readTree(parser);
  }

  /** Fails unless the document ends after the value just read. */
  public static void expectEnd(JsonParser parser, String prefix)
      throws IOException, UnprocessableResultsException {
    if (parser.nextToken() != null) {
      throw new UnprocessableResultsException(
          prefix + "the document goes on after its end, at " + at(parser), null);
    }
  }

  /** Where the token the parser is at starts, as {@code line 3, column 17}. */
  public static String at(JsonParser parser) {
    return where(parser.currentTokenLocation());
  }

  /** {@code e}, met while reading with {@code parser}, as a sentence an owner can act on. */
  public static UnprocessableResultsException unprocessable(IOException e, JsonParser parser) {
    IOException reason = rootReason(e);
    JsonLocation location =
        reason instanceof JsonProcessingException j && j.getLocation() != null
            ? j.getLocation()
            : parser.currentLocation();
    String at = where(location);
    String message;
    if (reason instanceof StreamConstraintsException limit) {
      message = overLimit(limit, at);
    } else if (reason instanceof JsonEOFException || endOfInput(reason)) {
      message = "the document ends too early (is it truncated?), at " + at;
    } else if (reason instanceof JsonParseException parse) {
      message = "the document is not well-formed JSON at " + at + ": " + detail(parse);
    } else {
      message = "the document could not be read to its end (stopped at " + at + ")";
    }
    return new UnprocessableResultsException(message, e);
  }

  private static String overLimit(StreamConstraintsException limit, String at) {
    String said = String.valueOf(limit.getOriginalMessage());
    if (said.contains("nesting depth")) {
      return "the document nests deeper than allowed, at " + at;
    }
    if (said.startsWith("String value length")) {
      return "the document holds a string longer than "
          + MAX_STRING_CHARS
          + " characters, at "
          + at;
    }
    return "the document holds a name or number longer than allowed, at " + at;
  }

  private static boolean endOfInput(IOException reason) {
    return reason instanceof JsonParseException parse
        && String.valueOf(parse.getOriginalMessage()).startsWith("Unexpected end-of-input");
  }

  /** Jackson's own words, without the source description some of its messages append. */
  private static String detail(JsonParseException parse) {
    String said = String.valueOf(parse.getOriginalMessage());
    int source = said.indexOf(" (start marker at");
    if (source < 0) {
      source = said.indexOf("[Source:");
    }
    return Untrusted.escape(source < 0 ? said : said.substring(0, source), MAX_DETAIL);
  }

  /** The parse failure underneath, when databind wrapped it. */
  private static IOException rootReason(IOException e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof StreamConstraintsException || cause instanceof JsonParseException) {
        return (IOException) cause;
      }
      cause = cause.getCause();
    }
    return e;
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "an unknown place";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
