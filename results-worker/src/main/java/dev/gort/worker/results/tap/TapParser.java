package dev.gort.worker.results.tap;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the Test Anything Protocol, versions 12 to 14, as Perl's {@code prove}/Test::More and
 * node's test runner ({@code --test-reporter=tap}) write it: plans, test points with SKIP and TODO,
 * YAML diagnostics, 4-space indented subtests, {@code Bail out!}. A subtest's leaf tests become
 * cases whose suite is the subtest path; planned tests that never ran become MISSED cases.
 */
public final class TapParser implements ResultsParser {

  @Override
  public ResultsFormat format() {
    return ResultsFormat.TAP;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    // InputStreamReader replaces malformed UTF-8 with U+FFFD rather than failing
    BoundedLineReader lines =
        new BoundedLineReader(
            new InputStreamReader(document, StandardCharsets.UTF_8),
            BoundedLineReader.MAX_LINE_CHARS);
    TapParseState state = new TapParseState(limits);
    try {
      String line;
      while (!state.bailedOut() && (line = lines.readLine()) != null) {
        state.accept(line, lines.lineNumber());
      }
    } catch (IOException e) {
      throw new UnprocessableResultsException(
          "the TAP document could not be read after line " + lines.lineNumber(), e);
    }
    return state.finish();
  }
}
