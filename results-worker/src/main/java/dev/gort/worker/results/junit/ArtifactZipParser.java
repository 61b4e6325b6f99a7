package dev.gort.worker.results.junit;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A GitHub Actions artifact (the zip {@code archive_download_url} serves): its {@code *.xml}
 * entries read as JUnit XML, its {@code *.tap} and {@code *.tap.txt} entries as TAP, everything
 * else ignored, all in one result in entry order. The zip is read as a stream, with its entries
 * counted and its unpacked bytes charged as they come, so that a zip bomb is refused at the limit
 * rather than unpacked.
 */
public final class ArtifactZipParser implements ResultsParser {

  /** Longest zip reason echoed in a message. */
  private static final int REASON_LENGTH = 200;

  private final ResultsParser junit;
  private final ResultsParser tap;

  public ArtifactZipParser(ResultsParser junit, ResultsParser tap) {
    this.junit = junit;
    this.tap = tap;
  }

  @Override
  public ResultsFormat format() {
    return ResultsFormat.GITHUB_ARTIFACT;
  }

  @Override
  public ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException {
    try (ZipInputStream zip = new ZipInputStream(new NonClosingInputStream(document))) {
      return read(zip, limits);
    } catch (IOException e) {
      throw new UnprocessableResultsException("the artifact could not be read", e);
    }
  }

  private ParsedResults read(ZipInputStream zip, ParseLimits limits)
      throws UnprocessableResultsException {
    UnpackBudget budget = new UnpackBudget(limits.maxUnpackedBytes());
    List<TestCaseResult> cases = new ArrayList<>();
    List<BuildResult> builds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int entries = 0;
    int resultFiles = 0;
    for (ZipEntry entry = nextEntry(zip, entries); entry != null; entry = nextEntry(zip, entries)) {
      if (++entries > limits.maxEntries()) {
        throw unprocessable(
            "the artifact holds more than " + limits.maxEntries() + " entries, the most accepted");
      }
      String name = entry.getName();
      ArtifactEntryStream data = new ArtifactEntryStream(zip, budget);
      ResultsParser parser = entry.isDirectory() ? null : parserFor(name);
      ParsedResults parsed =
          parser == null ? null : parseOrSkip(parser, name, data, limits, budget);
      if (parsed != null) {
        resultFiles++;
        cases.addAll(parsed.cases());
        builds.addAll(parsed.builds());
        parsed.problems().forEach(p -> problems.add(Untrusted.quote(name) + ": " + p));
        // each entry may hold the limit, so at most twice the limit is ever held before this
        if (cases.size() > limits.maxTestCases()) {
          throw unprocessable(
              "the artifact holds more than "
                  + limits.maxTestCases()
                  + " test cases, the most accepted");
        }
      }
      // ignored entries and whatever a parser left unread are unpacked and charged too: a bomb
      // does not need to be named *.xml
      drain(name, data, budget);
    }
    if (entries == 0) {
      throw unprocessable("the artifact is not a zip archive, or is an empty one");
    }
    if (resultFiles == 0) {
      throw unprocessable("the artifact holds no JUnit XML or TAP files");
    }
    return new ParsedResults(ResultsFormat.GITHUB_ARTIFACT, cases, builds, problems);
  }

  private ResultsParser parserFor(String entryName) {
    String path = entryName.toLowerCase(Locale.ROOT);
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("__macosx/") || file.startsWith("._")) {
      return null; // macOS resource forks, binary, named after the files they accompany
    }
    if (file.equals("failsafe-summary.xml")) {
      return null; // Failsafe writes it beside its reports; it is a summary, not JUnit XML
    }
    if (file.endsWith(".xml")) {
      return junit;
    }
    if (file.endsWith(".tap") || file.endsWith(".tap.txt")) {
      return tap;
    }
    return null;
  }

  /** The entry parsed; null for XML of another tool (coverage, lint), which is no results file. */
  private static ParsedResults parseOrSkip(
      ResultsParser parser,
      String name,
      ArtifactEntryStream data,
      ParseLimits limits,
      UnpackBudget budget)
      throws UnprocessableResultsException {
    try {
      return parseEntry(parser, name, data, limits, budget);
    } catch (UnprocessableResultsException e) {
      if (e.getCause() instanceof NotJunitXmlException) {
        return null;
      }
      throw e;
    }
  }

  private static ParsedResults parseEntry(
      ResultsParser parser,
      String name,
      ArtifactEntryStream data,
      ParseLimits limits,
      UnpackBudget budget)
      throws UnprocessableResultsException {
    ParsedResults parsed;
    try {
      parsed = parser.parse(data, limits);
    } catch (UnprocessableResultsException e) {
      throw readingFailure(name, data, budget)
          .orElseGet(
              () ->
                  new UnprocessableResultsException(
                      "the artifact's entry "
                          + Untrusted.quote(name)
                          + " is unprocessable: "
                          + e.getMessage(),
                      e));
    } catch (UncheckedIOException e) {
      throw readingFailure(name, data, budget)
          .orElseGet(
              () ->
                  new UnprocessableResultsException(
                      "the artifact's entry " + Untrusted.quote(name) + " could not be read", e));
    }
    // a parser may have taken the failure for the end of its input
    Optional<UnprocessableResultsException> failure = readingFailure(name, data, budget);
    if (failure.isPresent()) {
      throw failure.get();
    }
    return parsed;
  }

  private static void drain(String name, ArtifactEntryStream data, UnpackBudget budget)
      throws UnprocessableResultsException {
    try {
      data.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw readingFailure(name, data, budget)
          .orElseGet(
              () ->
                  new UnprocessableResultsException(
                      "the artifact's entry " + Untrusted.quote(name) + " could not be read", e));
    }
  }

  /** The zip bomb or the corrupt zip behind a failure, when it was one. */
  private static Optional<UnprocessableResultsException> readingFailure(
      String name, ArtifactEntryStream data, UnpackBudget budget) {
    if (budget.exceeded()) {
      return Optional.of(
          unprocessable(
              "the artifact unpacks to more than " + budget.most() + " bytes, the most accepted"));
    }
    IOException zipFailure = data.zipFailure();
    if (zipFailure != null) {
      return Optional.of(
          new UnprocessableResultsException(
              "the artifact is corrupt: its entry "
                  + Untrusted.quote(name)
                  + " cannot be unpacked"
                  + reason(zipFailure),
              zipFailure));
    }
    return Optional.empty();
  }

  private static ZipEntry nextEntry(ZipInputStream zip, int entriesRead)
      throws UnprocessableResultsException {
    try {
      return zip.getNextEntry();
    } catch (IllegalArgumentException e) {
      // ZipInputStream's word for an entry name that is not valid in its charset
      throw new UnprocessableResultsException(
          "the artifact is not a readable zip archive: the name of its entry "
              + (entriesRead + 1)
              + " is not valid UTF-8",
          e);
    } catch (IOException e) {
      throw new UnprocessableResultsException(
          "the artifact is not a readable zip archive after "
              + entriesRead
              + (entriesRead == 1 ? " entry" : " entries")
              + reason(e),
          e);
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? ""
        : " (" + Untrusted.escape(e.getMessage(), REASON_LENGTH) + ")";
  }

  private static UnprocessableResultsException unprocessable(String message) {
    return new UnprocessableResultsException(message, null);
  }
}
