package dev.gort.worker.results.junit;

import static dev.gort.worker.results.TestStatus.ERROR;
import static dev.gort.worker.results.TestStatus.FAILED;
import static dev.gort.worker.results.TestStatus.PASSED;
import static dev.gort.worker.results.TestStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedCases;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.ResultsParser;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArtifactZipParserTest {

  private static final String TWO_PASSING =
      """
      <testsuite name="dev.gort.A"><testcase name="one" classname="dev.gort.A" time="0.1"/>\
      <testcase name="two" classname="dev.gort.A" time="0.2"/></testsuite>""";
  private static final String ONE_FAILING =
      """
      <testsuites><testsuite name="dev.gort.B"><testcase name="three" classname="dev.gort.B">\
      <failure message="broke"/></testcase></testsuite></testsuites>""";

  private final ArtifactZipParser parser =
      new ArtifactZipParser(new JunitXmlParser(), new LineCountingTapParser());

  @Test
  void routesXmlToJunitAndTapToTapAndKeepsEntryOrder() throws Exception {
    byte[] artifact =
        zip(
            directory("reports/"),
            entry("reports/TEST-dev.gort.A.xml", TWO_PASSING),
            entry("README.md", "# not results\nok 1 - would count if it were read as TAP\n"),
            // the stand-in closes what it reads: the entries after it must still be read
            entry("tap/smoke.tap", "ok 1 - boots\nBail out! database down\nok 2 - answers\n"),
            entry("reports/TEST-DEV.GORT.B.XML", ONE_FAILING),
            entry("logs/kselftest.tap.txt", "ok 1 - timers\n"));

    ParsedResults results = parser.parse(new ByteArrayInputStream(artifact), ParseLimits.DEFAULT);

    assertThat(results.format()).isEqualTo(ResultsFormat.GITHUB_ARTIFACT);
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("dev.gort.A", "one", PASSED),
            tuple("dev.gort.A", "two", PASSED),
            tuple("tap", "ok 1 - boots", PASSED),
            tuple("tap", "ok 2 - answers", PASSED),
            tuple("dev.gort.B", "three", FAILED),
            tuple("tap", "ok 1 - timers", PASSED));
    assertThat(results.problems()).containsExactly("'tap/smoke.tap': Bail out! database down");
    assertThat(results.builds()).isEmpty();
  }

  @Test
  void aRealSurefireReportInAnArtifactReadsAsItDoesAlone() throws Exception {
    byte[] report;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/results/junit/surefire-TEST-dev.gort.sample.CalculatorTest.xml")) {
      report = in.readAllBytes();
    }

    ParsedResults results =
        parser.parse(
            new ByteArrayInputStream(
                zip(
                    entry(
                        "target/surefire-reports/TEST-dev.gort.sample.CalculatorTest.xml",
                        report))),
            ParseLimits.DEFAULT);

    assertThat(ParsedCases.countByStatus(results))
        .isEqualTo(Map.of(PASSED, 3L, FAILED, 2L, ERROR, 2L, SKIPPED, 1L));
    assertThat(results.cases()).filteredOn(TestCaseResult::flaky).hasSize(2);
  }

  @Test
  void theCallersStreamIsLeftOpen() throws Exception {
    boolean[] closed = {false};
    InputStream document =
        new ByteArrayInputStream(zip(entry("a.xml", TWO_PASSING))) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    parser.parse(document, ParseLimits.DEFAULT);

    assertThat(closed[0]).isFalse();
  }

  // --- zip bombs and limits

  @Test
  void aZipBombIsRefusedAtTheUnpackLimit() throws Exception {
    byte[] bomb = zip(entry("big.xml", "<testsuite>" + " ".repeat(20_000_000) + "</testsuite>"));
    assertThat(bomb.length).isLessThan(100_000);

    assertThatThrownBy(() -> parse(bomb, limits(1_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact unpacks to more than 1000000 bytes, the most accepted");
  }

  @Test
  void aBombInAnIgnoredEntryIsRefusedToo() throws Exception {
    byte[] artifact = zip(entry("a.xml", TWO_PASSING), entry("core.dump", new byte[20_000_000]));

    assertThatThrownBy(() -> parse(artifact, limits(1_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact unpacks to more than 1000000 bytes, the most accepted");
  }

  @Test
  void theHeadersDeclaredSizeIsNotTrusted() throws Exception {
    byte[] content = ("<testsuite>" + " ".repeat(5_000_000) + "</testsuite>").getBytes();
    byte[] artifact = zipDeclaringSize("small.xml", content, 100);

    assertThatThrownBy(() -> parse(artifact, limits(1_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact unpacks to more than 1000000 bytes, the most accepted");
    // with room for it, the lie is only found once the whole entry has been unpacked
    assertThatThrownBy(() -> parse(artifact, limits(10_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "the artifact is corrupt: its entry 'small.xml' cannot be unpacked (invalid entry size"
                + " (expected 100 but got 5000023 bytes))");
  }

  @Test
  void unpackedBytesAddUpAcrossEntries() throws Exception {
    String padded = "<testsuite>" + " ".repeat(400_000) + "</testsuite>";
    byte[] two = zip(entry("a.xml", padded), entry("b.xml", padded));
    byte[] three = zip(entry("a.xml", padded), entry("b.xml", padded), entry("c.xml", padded));

    assertThat(parse(two, limits(1_000_000, 1_000)).cases()).isEmpty();
    assertThatThrownBy(() -> parse(three, limits(1_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the artifact unpacks to more than 1000000 bytes");
  }

  @Test
  void aParserThatSwallowsTheBudgetFailureDoesNotHideTheBomb() throws Exception {
    ResultsParser swallowing =
        new ResultsParser() {
          @Override
          public ResultsFormat format() {
            return ResultsFormat.JUNIT;
          }

          @Override
          public ParsedResults parse(InputStream document, ParseLimits limits) {
            try {
              document.readAllBytes();
            } catch (IOException e) {
              // taken for the end of the input
            }
            return ParsedResults.of(ResultsFormat.JUNIT, List.of());
          }
        };
    byte[] bomb = zip(entry("big.xml", new byte[20_000_000]));

    assertThatThrownBy(
            () ->
                new ArtifactZipParser(swallowing, swallowing)
                    .parse(new ByteArrayInputStream(bomb), limits(1_000_000, 1_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact unpacks to more than 1000000 bytes, the most accepted");
  }

  @Test
  void moreEntriesThanTheLimitIsUnprocessable() throws Exception {
    byte[] three = zip(directory("r/"), entry("r/a.xml", TWO_PASSING), entry("r/notes.txt", "x"));
    byte[] four =
        zip(
            directory("r/"),
            entry("r/a.xml", TWO_PASSING),
            entry("r/notes.txt", "x"),
            entry("r/b.xml", TWO_PASSING));

    assertThat(parse(three, limits(1 << 20, 3)).cases()).hasSize(2);
    assertThatThrownBy(() -> parse(four, limits(1 << 20, 3)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact holds more than 3 entries, the most accepted");
  }

  @Test
  void testCasesAcrossEntriesCountAgainstTheLimit() throws Exception {
    byte[] artifact = zip(entry("a.xml", TWO_PASSING), entry("b.xml", TWO_PASSING));
    ParseLimits threeCases = new ParseLimits(3, 4_000, 16_000, 64, 1 << 20, 1_000);

    assertThatThrownBy(() -> parse(artifact, threeCases))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact holds more than 3 test cases, the most accepted");
  }

  // --- broken and foreign artifacts

  @Test
  void aCorruptedEntryMakesTheArtifactUnprocessableNamingIt() throws Exception {
    byte[] artifact = zip(entry("reports/TEST-a.xml", TWO_PASSING));
    int data = dataOffsetOfFirstEntry(artifact);
    // BFINAL=1, BTYPE=11: a deflate block type that does not exist
    Arrays.fill(artifact, data, data + 4, (byte) 0xff);

    assertThatThrownBy(() -> parse(artifact, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "the artifact is corrupt: its entry 'reports/TEST-a.xml' cannot be unpacked (invalid"
                + " block type)");
  }

  @Test
  void aTruncatedArtifactIsUnprocessableNamingTheEntry() throws Exception {
    Random random = new Random(7);
    StringBuilder many = new StringBuilder("<testsuite name=\"s\">");
    for (int i = 0; i < 5_000; i++) {
      many.append("<testcase name=\"").append(Long.toHexString(random.nextLong())).append("\"/>");
    }
    byte[] artifact =
        zip(entry("a.xml", TWO_PASSING), entry("b.xml", many.append("</testsuite>").toString()));
    byte[] truncated = Arrays.copyOf(artifact, artifact.length / 2);

    assertThatThrownBy(() -> parse(truncated, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "the artifact is corrupt: its entry 'b.xml' cannot be unpacked (Unexpected end of ZLIB"
                + " input stream)");
  }

  @Test
  void somethingThatIsNotAZipIsUnprocessable() {
    assertThatThrownBy(() -> parse(TWO_PASSING.getBytes(), ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact is not a zip archive, or is an empty one");
    assertThatThrownBy(() -> parse(new byte[0], ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact is not a zip archive, or is an empty one");
  }

  @Test
  void anEmptyZipIsUnprocessable() throws Exception {
    assertThatThrownBy(() -> parse(zip(), ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact is not a zip archive, or is an empty one");
  }

  @Test
  void anArtifactWithoutResultFilesIsUnprocessable() throws Exception {
    byte[] artifact =
        zip(
            entry("README.md", "# results"),
            entry("target/failsafe-reports/failsafe-summary.xml", "<failsafe-summary/>"),
            entry("__MACOSX/reports/._TEST-a.xml", new byte[] {0, 5, 22, 7}),
            directory("reports/"));

    assertThatThrownBy(() -> parse(artifact, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact holds no JUnit XML or TAP files");
  }

  @Test
  void anEntryThatFailsToParseMakesTheArtifactUnprocessableNamingIt() throws Exception {
    byte[] artifact =
        zip(entry("reports/TEST-a.xml", TWO_PASSING), entry("reports/TEST-b.xml", "<testsuite>"));

    assertThatThrownBy(() -> parse(artifact, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith(
            "the artifact's entry 'reports/TEST-b.xml' is unprocessable: the results are not"
                + " well-formed XML at line 1, column 12");
  }

  @Test
  void anotherToolsXmlBesideTheReportsIsNoResultsFile() throws Exception {
    byte[] withCoverage =
        zip(
            entry("site/jacoco/jacoco.xml", "<report name=\"ledger\"><counter/></report>"),
            entry("reports/TEST-a.xml", TWO_PASSING));
    byte[] coverageOnly = zip(entry("site/jacoco/jacoco.xml", "<report name=\"ledger\"/>"));

    assertThat(parse(withCoverage, ParseLimits.DEFAULT).cases()).hasSize(2);
    assertThatThrownBy(() -> parse(coverageOnly, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the artifact holds no JUnit XML or TAP files");
  }

  @Test
  void anEntrysNameIsEscapedAndCutInMessages() throws Exception {
    String name = "evil\r\nname" + "x".repeat(200) + ".xml";
    byte[] artifact = zip(entry(name, "<testsuite><testcase"));

    assertThatThrownBy(() -> parse(artifact, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the artifact's entry 'evil\\r\\nnamexxx")
        .hasMessageContaining("…(")
        .hasMessageContaining("is unprocessable: the results are not well-formed XML")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void anEntryNameThatIsNotUtf8IsUnprocessable() throws Exception {
    byte[] artifact = zip(entry("a.xml", TWO_PASSING), entry("b#.xml", TWO_PASSING));
    replaceFirst(
        artifact, "b#.xml".getBytes(), "b\u00ff.xml".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> parse(artifact, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "the artifact is not a readable zip archive: the name of its entry 2 is not valid"
                + " UTF-8");
  }

  @Test
  void formatIsGithubArtifact() {
    assertThat(parser.format()).isEqualTo(ResultsFormat.GITHUB_ARTIFACT);
  }

  // --- a stand-in for the TAP parser, which is written and tested on its own

  /** One passing case per line, a {@code Bail out!} line a problem; closes what it reads. */
  private static final class LineCountingTapParser implements ResultsParser {

    @Override
    public ResultsFormat format() {
      return ResultsFormat.TAP;
    }

    @Override
    public ParsedResults parse(InputStream document, ParseLimits limits)
        throws UnprocessableResultsException {
      List<TestCaseResult> cases = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(document, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("Bail out!")) {
            problems.add(line);
          } else if (!line.isBlank()) {
            cases.add(TestCaseResult.of("tap", line, TestStatus.PASSED));
          }
        }
      } catch (IOException e) {
        throw new UnprocessableResultsException("the TAP could not be read", e);
      }
      return new ParsedResults(ResultsFormat.TAP, cases, List.of(), problems);
    }
  }

  // --- building zips

  private record Entry(String name, byte[] content) {}

  private static Entry entry(String name, String content) {
    return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Entry entry(String name, byte[] content) {
    return new Entry(name, content);
  }

  private static Entry directory(String name) {
    return new Entry(name, null);
  }

  private static byte[] zip(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Entry e : entries) {
        zip.putNextEntry(new ZipEntry(e.name()));
        if (e.content() != null) {
          zip.write(e.content());
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A deflated entry whose local header states its sizes, the uncompressed one a lie. */
  private static byte[] zipDeclaringSize(String name, byte[] content, int declaredSize)
      throws IOException {
    CRC32 crc = new CRC32();
    crc.update(content);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(content);
    deflater.finish();
    byte[] buffer = new byte[8192];
    long compressed = 0;
    while (!deflater.finished()) {
      compressed += deflater.deflate(buffer);
    }
    deflater.end();
    ZipEntry entry = new ZipEntry(name);
    entry.setSize(content.length);
    entry.setCompressedSize(compressed);
    entry.setCrc(crc.getValue());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(entry);
      zip.write(content);
      zip.closeEntry();
    }
    byte[] artifact = bytes.toByteArray();
    // local file header: uncompressed size at offset 22, little-endian
    artifact[22] = (byte) declaredSize;
    artifact[23] = (byte) (declaredSize >>> 8);
    artifact[24] = (byte) (declaredSize >>> 16);
    artifact[25] = (byte) (declaredSize >>> 24);
    return artifact;
  }

  private static int dataOffsetOfFirstEntry(byte[] zip) {
    int nameLength = (zip[26] & 0xff) | (zip[27] & 0xff) << 8;
    int extraLength = (zip[28] & 0xff) | (zip[29] & 0xff) << 8;
    return 30 + nameLength + extraLength;
  }

  private static void replaceFirst(byte[] bytes, byte[] what, byte[] with) {
    for (int i = 0; i + what.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
        System.arraycopy(with, 0, bytes, i, with.length);
        return;
      }
    }
    throw new AssertionError("not found");
  }

  private ParsedResults parse(byte[] artifact, ParseLimits limits)
      throws UnprocessableResultsException {
    return parser.parse(new ByteArrayInputStream(artifact), limits);
  }

  private static ParseLimits limits(long unpackedBytes, int entries) {
    return new ParseLimits(200_000, 4_000, 16_000, 64, unpackedBytes, entries);
  }
}
