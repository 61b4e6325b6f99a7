package dev.gort.worker.results.kcidb;

import static dev.gort.worker.results.kcidb.KcidbRecord.NOT_KCIDB;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.BoundedJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads KCIDB I/O data, version 5 (any minor, 5.0 to 5.3 as of kcidb-io's {@code
 * kcidb_io/schema/v05_03.py}): {@code {"version": {"major": 5, "minor": 3}, "checkouts": […],
 * "builds": […], "tests": […]}}, each list optional. Tests become test cases ({@link
 * KcidbTestCases}), builds builds ({@link KcidbBuilds}), each failed build a problem; checkouts are
 * only checked (an {@code id} {@code origin:…} and an {@code origin}), {@code issues}, {@code
 * incidents} and fields a later minor adds are skipped. A test may name a build the document does
 * not hold: KCIDB takes partial submissions.
 *
 * <p>The lists are streamed, one object at a time, so the limit on test cases holds without the
 * whole document in memory; more builds than that limit is unprocessable too.
 */
public final class KcidbParser implements ResultsParser {

  @Override
  public ResultsFormat format() {
    return ResultsFormat.KCIDB;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    JsonParser parser = BoundedJson.open(document, limits);
    try (parser) {
      return read(parser, limits);
    } catch (IOException e) {
      throw BoundedJson.unprocessable(e, parser);
    }
  }

  private static ParsedResults read(JsonParser parser, ParseLimits limits)
      throws IOException, UnprocessableResultsException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new UnprocessableResultsException(
          NOT_KCIDB + "the document is not a JSON object", null);
    }
    KcidbVersion version = null;
    List<TestCaseResult> cases = new ArrayList<>();
    List<BuildResult> builds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "version" -> version = KcidbVersion.read(BoundedJson.readTree(parser)).supported();
        case "checkouts" -> {
          for (int n = 1; nextObject(parser, field, n); n++) {
            KcidbRecord checkout = new KcidbRecord(BoundedJson.readTree(parser), "checkout", n);
            checkout.id();
            checkout.origin();
          }
        }
        case "builds" -> {
          for (int n = 1; nextObject(parser, field, n); n++) {
            within(limits, n, "builds", parser);
            BuildResult build =
                KcidbBuilds.build(new KcidbRecord(BoundedJson.readTree(parser), "build", n));
            builds.add(build);
            String problem = KcidbBuilds.problem(build);
            if (problem != null) {
              problems.add(problem);
            }
          }
        }
        case "tests" -> {
          for (int n = 1; nextObject(parser, field, n); n++) {
            within(limits, n, "tests", parser);
            cases.add(
                KcidbTestCases.testCase(
                    new KcidbRecord(BoundedJson.readTree(parser), "test", n), limits));
          }
        }
        default -> parser.skipChildren();
      }
    }
    BoundedJson.expectEnd(parser, NOT_KCIDB);
    if (version == null) {
      throw new UnprocessableResultsException(NOT_KCIDB + "the document has no version", null);
    }
    return new ParsedResults(ResultsFormat.KCIDB, cases, builds, problems);
  }

  /**
   * Moves to the next object of the list {@code field}, the parser at its start; false at the
   * list's end. The first call checks that {@code field} is a list.
   */
  private static boolean nextObject(JsonParser parser, String field, int number)
      throws IOException, UnprocessableResultsException {
    if (number == 1 && parser.currentToken() != JsonToken.START_ARRAY) {
      throw new UnprocessableResultsException(NOT_KCIDB + field + " is not a list", null);
    }
    JsonToken next = parser.nextToken();
    if (next == JsonToken.END_ARRAY) {
      return false;
    }
    if (next != JsonToken.START_OBJECT) {
      throw new UnprocessableResultsException(
          NOT_KCIDB + "item " + number + " of " + field + " is not an object", null);
    }
    return true;
  }

  private static void within(ParseLimits limits, int number, String what, JsonParser parser)
      throws UnprocessableResultsException {
    if (number > limits.maxTestCases()) {
      throw new UnprocessableResultsException(
          "the KCIDB data holds more than "
              + limits.maxTestCases()
              + " "
              + what
              + " (stopped at "
              + BoundedJson.at(parser)
              + ")",
          null);
    }
  }
}
