package dev.gort.worker.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tells a results document's format from its content, as runners seldom say: a zip is a GitHub
 * artifact, XML is JUnit, a JSON object is KCIDB (a {@code version} beside {@code checkouts},
 * {@code builds} or {@code tests}), Gort's own (a {@code tests} list of objects) or TuxSuite
 * (anything else), and text with a TAP plan or test line is TAP.
 */
public final class ResultsFormatDetector {

  private static final int TEXT_HEAD = 64 * 1024;
  private static final Pattern TAP_LINE =
      Pattern.compile("(?m)^(TAP version \\d+|1\\.\\.\\d+|(not )?ok\\b)");
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> KCIDB_LISTS = Set.of("checkouts", "builds", "tests");

  private ResultsFormatDetector() {}

  /**
   * @param document opens the document from its start, each time it is called (detection may read a
   *     JSON document's top level through before its parser reads it again)
   */
  public static ResultsFormat detect(Supplier<InputStream> document)
      throws UnprocessableResultsException {
    byte[] start;
    try (InputStream in = document.get()) {
      start = in.readNBytes(TEXT_HEAD);
    } catch (IOException e) {
      throw new UnprocessableResultsException("results cannot be read", e);
    }
    int length = start.length;
    if (length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
      return ResultsFormat.GITHUB_ARTIFACT;
    }
    String head = new String(start, StandardCharsets.UTF_8).strip();
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1).strip();
    }
    if (head.startsWith("<")) {
      return ResultsFormat.JUNIT;
    }
    if (head.startsWith("{")) {
      return jsonFormat(document);
    }
    if (TAP_LINE.matcher(head).find()) {
      return ResultsFormat.TAP;
    }
    throw new UnprocessableResultsException(
        "results are in no format Gort reads (JUnit XML, TAP, TuxSuite or KCIDB JSON, a GitHub"
            + " artifact zip, Gort's JSON)",
        null);
  }

  /** Looks at the top-level keys only; the parser reads (and judges) the whole document. */
  private static ResultsFormat jsonFormat(Supplier<InputStream> document) {
    boolean version = false;
    boolean kcidbLists = false;
    boolean testObjects = false;
    try (InputStream in = document.get();
        JsonParser json = JSON.createParser(in)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        JsonToken value = json.nextToken();
        if (key.equals("version")) {
          version = value == JsonToken.START_OBJECT;
        }
        if (value == JsonToken.START_ARRAY && KCIDB_LISTS.contains(key)) {
          kcidbLists = true;
        }
        if (key.equals("tests") && value == JsonToken.START_ARRAY) {
          JsonToken first = json.nextToken();
          testObjects = first == JsonToken.START_OBJECT;
          if (first != JsonToken.END_ARRAY) {
            json.skipChildren();
            skipToEndOfArray(json);
          }
        } else {
          json.skipChildren();
        }
      }
    } catch (IOException e) {
      // malformed JSON: the parser of the likeliest format says where
    }
    if (version && kcidbLists) {
      return ResultsFormat.KCIDB;
    }
    return testObjects ? ResultsFormat.GORT : ResultsFormat.TUXSUITE;
  }

  private static void skipToEndOfArray(JsonParser json) throws IOException {
    JsonToken t;
    while ((t = json.nextToken()) != null && t != JsonToken.END_ARRAY) {
      json.skipChildren();
    }
  }
}
