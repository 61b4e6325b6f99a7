package dev.gort.worker.results.tap;

import static dev.gort.worker.results.ParsedCases.countByStatus;
import static dev.gort.worker.results.ParsedCases.named;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TapParserTest {

  private final TapParser parser = new TapParser();

  @Test
  void isTheTapParser() {
    assertThat(parser.format()).isEqualTo(ResultsFormat.TAP);
  }

  @Test
  void proveOutputGivesFailuresWithTheirDiagnosticsSkipsAndTodos() throws Exception {
    ParsedResults results = parseResource("prove-test-more.tap");

    assertThat(results.format()).isEqualTo(ResultsFormat.TAP);
    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("", "use Gort::Client", TestStatus.PASSED),
            tuple("", "client has a base url", TestStatus.PASSED),
            tuple("", "fetches the run list", TestStatus.FAILED),
            tuple("", "test 4", TestStatus.SKIPPED),
            tuple("", "parses # in a name", TestStatus.PASSED),
            tuple("", "retries on timeout", TestStatus.SKIPPED),
            tuple("", "handles unicode café", TestStatus.PASSED),
            tuple("config", "reads defaults", TestStatus.PASSED),
            tuple("config", "rejects unknown keys", TestStatus.FAILED));
    assertThat(countByStatus(results))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(TestStatus.PASSED, 5L, TestStatus.FAILED, 2L, TestStatus.SKIPPED, 2L));

    TestCaseResult failed = named(results, "fetches the run list");
    assertThat(failed.message())
        .isEqualTo(
            "Failed test 'fetches the run list'\n"
                + "at t/client.t line 21.\n"
                + "       got: '503'\n"
                + "  expected: '200'");
    assertThat(failed.output()).isNull();
    assertThat(failed.durationMs()).isNull();
    assertThat(named(results, "test 4").message()).isEqualTo("no network in CI");
    TestCaseResult todo = named(results, "retries on timeout");
    assertThat(todo.message()).isEqualTo("TODO: retries not written yet");
    assertThat(todo.output())
        .isEqualTo("Failed (TODO) test 'retries on timeout'\nat t/client.t line 30.");
    assertThat(named(results, "handles unicode café").message()).isEqualTo("TODO: works already");
    // Test::More's "Looks like you failed" summary is not part of the test's message
    assertThat(named(results, "rejects unknown keys").message())
        .isEqualTo("Failed test 'rejects unknown keys'\nat t/client.t line 40.");
  }

  @Test
  void yamlMessageBecomesTheMessageAndTheRestOfTheBlockTheOutput() throws Exception {
    ParsedResults results = parseResource("tap13-yaml.tap");

    assertThat(results.problems()).isEmpty();
    assertThat(countByStatus(results))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(TestStatus.PASSED, 2L, TestStatus.FAILED, 2L, TestStatus.SKIPPED, 1L));
    TestCaseResult failed = named(results, "First line of the input valid");
    assertThat(failed.status()).isEqualTo(TestStatus.FAILED);
    assertThat(failed.message()).isEqualTo("First line invalid");
    assertThat(failed.output())
        .isEqualTo("severity: fail\ndata:\n  got: Flirble\n  expect: Fnible");
    TestCaseResult todo = named(results, "Summarized correctly");
    assertThat(todo.status()).isEqualTo(TestStatus.SKIPPED);
    assertThat(todo.message()).isEqualTo("TODO: Not written yet\nCan't make summary yet");
    assertThat(todo.output()).isEqualTo("severity: todo");
  }

  @Test
  void malformedYamlIsKeptRawAndTheFileStillParses() throws Exception {
    ParsedResults results = parseResource("tap13-yaml.tap");

    TestCaseResult malformed = named(results, "Diagnostics that are not YAML");
    assertThat(malformed.status()).isEqualTo(TestStatus.FAILED);
    assertThat(malformed.message()).isNull();
    assertThat(malformed.output()).isEqualTo("message: [unclosed\ngot: {");
    assertThat(results.cases()).hasSize(5);
  }

  @Test
  void nodeDescribeAndItBecomeSuitesWithDurationsAndErrors() throws Exception {
    ParsedResults results = parseResource("node-test-runner.tap");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(
            TestCaseResult::suite,
            TestCaseResult::name,
            TestCaseResult::status,
            TestCaseResult::durationMs)
        .containsExactly(
            tuple("RunClient", "lists runs", TestStatus.PASSED, 1L),
            tuple("RunClient/cancel", "cancels a queued run", TestStatus.PASSED, 0L),
            tuple("RunClient/cancel", "refuses to cancel a finished run", TestStatus.FAILED, 3L),
            tuple("RunClient", "retries later", TestStatus.SKIPPED, 0L),
            tuple("RunClient", "paginates", TestStatus.PASSED, 0L),
            tuple("Store", "keeps the last run", TestStatus.PASSED, 0L),
            tuple("", "Store", TestStatus.ERROR, 5L),
            tuple("", "formats a duration", TestStatus.PASSED, 1L),
            tuple("", "throws on a bad id", TestStatus.ERROR, 13L));

    TestCaseResult failed = named(results, "refuses to cancel a finished run");
    assertThat(failed.message()).isEqualTo("Expected values to be strictly equal:\n\n409 !== 200");
    assertThat(failed.output())
        .contains("failureType: testCodeFailure", "operator: strictEqual", "expected: 200")
        .contains("stack: |-\n  TestContext.<anonymous>")
        .doesNotContain("error:", "duration_ms", "Expected values");
    assertThat(named(results, "retries later").message()).isEqualTo("needs a clock");
    assertThat(named(results, "paginates").message()).isEqualTo("TODO");
    assertThat(named(results, "throws on a bad id").message())
        .isEqualTo("test timed out after 10ms");
  }

  @Test
  void aSuiteThatFailsWhileAllItsTestsPassedIsACaseOfItsOwn() throws Exception {
    // node reports a failing after() hook only on the suite's closing line
    ParsedResults results = parseResource("node-test-runner.tap");

    TestCaseResult suite = named(results, "Store");
    assertThat(suite.suite()).isEmpty();
    assertThat(suite.status()).isEqualTo(TestStatus.ERROR);
    assertThat(suite.message()).isEqualTo("database still open");
    assertThat(suite.output()).contains("failureType: hookFailed", "type: suite");
    // a failing suite whose own tests say why is not a case again
    assertThat(results.cases()).extracting(TestCaseResult::name).doesNotContain("RunClient");
  }

  @Test
  void tap14SubtestsCommentedBareUnnamedAndEmptyGetTheirPaths() throws Exception {
    ParsedResults results = parseResource("tap14-subtests.tap");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("", "in the parent", TestStatus.PASSED),
            tuple("nested", "in the subtest", TestStatus.PASSED),
            tuple("nested/deeper", "deepest check", TestStatus.FAILED),
            tuple("", "empty", TestStatus.PASSED),
            tuple("test 4", "name is optional", TestStatus.PASSED),
            tuple("double nest passing/nested parent", "nested twice", TestStatus.PASSED));
    assertThat(named(results, "deepest check").message()).isEqualTo("wanted 2, found 3");
    assertThat(named(results, "deepest check").output()).isEqualTo("severity: fail");
  }

  @Test
  void bailOutStopsReadingAndEveryPlannedTestNotSeenIsMissed() throws Exception {
    ParsedResults results = parseResource("bail-out.tap");

    assertThat(results.problems())
        .containsExactly("bailed out: 'Couldn't connect to database # 2.'");
    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("database handle", TestStatus.PASSED),
            tuple("schema migrated", TestStatus.FAILED),
            tuple("test 3 (never ran)", TestStatus.MISSED),
            tuple("test 4 (never ran)", TestStatus.MISSED),
            tuple("test 5 (never ran)", TestStatus.MISSED),
            tuple("test 6 (never ran)", TestStatus.MISSED));
  }

  @Test
  void bailOutInsideASubtestKeepsItsCasesUnderTheAnnouncedName() throws Exception {
    ParsedResults results =
        parse(
            """
            1..3
            ok 1 - before
            # Subtest: migrations
                1..3
                ok 1 - creates tables
                Bail out! disk full\r
            ok 3 - never read
            """);

    assertThat(results.problems()).containsExactly("bailed out: 'disk full'");
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("", "before", TestStatus.PASSED),
            tuple("migrations", "creates tables", TestStatus.PASSED),
            tuple("migrations", "test 2 (never ran)", TestStatus.MISSED),
            tuple("migrations", "test 3 (never ran)", TestStatus.MISSED),
            tuple("", "test 2 (never ran)", TestStatus.MISSED),
            tuple("", "test 3 (never ran)", TestStatus.MISSED));
  }

  @Test
  void planNotMetSaysSoAndTheGapsAreMissed() throws Exception {
    ParsedResults results = parseResource("plan-not-met.tap");

    assertThat(results.problems()).containsExactly("planned 10 tests, 8 ran");
    assertThat(countByStatus(results))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(TestStatus.PASSED, 7L, TestStatus.FAILED, 1L, TestStatus.MISSED, 2L));
    assertThat(results.cases())
        .filteredOn(c -> c.status() == TestStatus.MISSED)
        .extracting(TestCaseResult::name)
        .containsExactly("test 8 (never ran)", "test 10 (never ran)");
    // an unnumbered test point takes the next number, as TAP says
    assertThat(results.cases().get(4).name()).isEqualTo("five");
  }

  @Test
  void moreTestsThanPlannedIsAProblemWithNothingMissed() throws Exception {
    ParsedResults results = parse("1..2\nok 1\nok 2\nok 3\n");

    assertThat(results.problems()).containsExactly("planned 2 tests, 3 ran");
    assertThat(results.cases()).extracting(TestCaseResult::status).containsOnly(TestStatus.PASSED);
    assertThat(results.cases()).hasSize(3);
  }

  @Test
  void aSubtestsUnmetPlanNamesTheSubtest() throws Exception {
    ParsedResults results =
        parse(
            """
            1..1
            # Subtest: parser
                1..2
                ok 1 - reads
            not ok 1 - parser
            """);

    assertThat(results.problems()).containsExactly("subtest 'parser' planned 2 tests, 1 ran");
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("parser", "reads", TestStatus.PASSED),
            tuple("parser", "test 2 (never ran)", TestStatus.MISSED));
  }

  @Test
  void noPlanIsAProblemButTheCasesCount() throws Exception {
    ParsedResults results = parse("TAP version 13\nok 1 - a\nnot ok 2 - b\n");

    assertThat(results.problems())
        .containsExactly("no plan: the document never said how many tests it would run");
    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::status)
        .containsExactly(tuple("a", TestStatus.PASSED), tuple("b", TestStatus.FAILED));
  }

  @Test
  void aPlanAtTheEndIsMet() throws Exception {
    ParsedResults results = parse("TAP version 14\nok 1 - a\n# a comment\nok 2 - b\n1..2\n");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases()).extracting(TestCaseResult::name).containsExactly("a", "b");
  }

  @Test
  void aWhollySkippedFileHasNoCasesAndNoProblems() throws Exception {
    ParsedResults results = parse("TAP version 13\n1..0 # SKIP no database configured\n");

    assertThat(results.cases()).isEmpty();
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void directivesAreCaseInsensitiveAndAnEscapedHashIsNotOne() throws Exception {
    ParsedResults results =
        parse(
            """
            1..8
            ok 1 - skipped lower case # skip not on windows
            ok 2 - skipped past tense # Skipped: no GPU
            ok 3 - #SkIp no description
            ok 4 - not skipped \\# SKIP
            ok 5 - see https://example.com/page.html#skip for details
            not ok 6 - todo mixed case # ToDo later
            not ok 7 - hello # description # todo
            ok 8 - a backslash \\\\# todo and a \\# hash
            pragma +strict
            """);

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::status, TestCaseResult::message)
        .containsExactly(
            tuple("skipped lower case", TestStatus.SKIPPED, "not on windows"),
            tuple("skipped past tense", TestStatus.SKIPPED, "no GPU"),
            tuple("test 3", TestStatus.SKIPPED, "no description"),
            tuple("not skipped # SKIP", TestStatus.PASSED, null),
            tuple("see https://example.com/page.html#skip for details", TestStatus.PASSED, null),
            tuple("todo mixed case", TestStatus.SKIPPED, "TODO: later"),
            tuple("hello # description # todo", TestStatus.FAILED, null),
            tuple("a backslash \\", TestStatus.PASSED, "TODO: and a # hash"));
  }

  @Test
  void nodeTapTimeOnAClosingLineIsTheDuration() throws Exception {
    ParsedResults results =
        parse(
            """
            # Subtest: empty suite
                1..0
            ok 1 - empty suite # time=16.6ms
            1..1
            """);

    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::durationMs)
        .containsExactly(tuple("empty suite", 17L));
  }

  @Test
  void aSubtestWithoutItsClosingLineIsAProblemAndKeepsItsCases() throws Exception {
    ParsedResults results =
        parse(
            """
            1..2
            # Subtest: half
                1..1
                ok 1 - inside
            1..5
            """);

    assertThat(results.problems())
        .containsExactly(
            "subtest 'half' ended without its closing test line",
            "a second plan on line 5 was ignored",
            "planned 2 tests, 0 ran");
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            tuple("half", "inside", TestStatus.PASSED),
            tuple("", "test 1 (never ran)", TestStatus.MISSED),
            tuple("", "test 2 (never ran)", TestStatus.MISSED));
  }

  @Test
  void windowsLineEndingsAreLineEndings() throws Exception {
    ParsedResults results =
        parse(
            "TAP version 13\r\n1..2\r\nok 1 - a\r\nnot ok 2 - b\r\n  ---\r\n  message: boom\r\n  ...\r\n");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::message)
        .containsExactly(tuple("a", null), tuple("b", "boom"));
  }

  @Test
  void aLoneCarriageReturnEndsALineToo() throws Exception {
    ParsedResults results = parse("1..2\rok 1 - a\rok 2 - b");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases()).extracting(TestCaseResult::name).containsExactly("a", "b");
  }

  @Test
  void aYamlBlockTooLargeToParseIsKeptRawAndCut() throws Exception {
    String huge = "x".repeat(YamlBlock.MAX_CHARS);
    String tap = "1..1\nnot ok 1 - noisy\n  ---\n  message: first\n  dump: " + huge + "\n  ...\n";

    TestCaseResult c = parse(tap, limits(100, 4_000, 50, 64)).cases().get(0);

    assertThat(c.status()).isEqualTo(TestStatus.FAILED);
    assertThat(c.message()).isNull();
    assertThat(c.output()).hasSize(50).startsWith("message: first\ndump: xxx").endsWith("…");
  }

  @Test
  void yamlAliasesAreNotExpandedAndTagsBuildNothing() throws Exception {
    ParsedResults results =
        parse(
            """
            1..1
            not ok 1 - bomb
              ---
              message: boom
              a: &a [x, x, x, x, x, x, x, x, x]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
              tagged: !!python/object:os.system 'rm -rf /'
              ...
            """);

    TestCaseResult c = results.cases().get(0);
    assertThat(c.message()).isEqualTo("boom");
    // 9 x 9 x 9 x 9 values had the aliases been expanded; each alias stays one name
    assertThat(c.output()).hasSizeLessThan(300).contains("tagged: rm -rf /");
  }

  @Test
  void problemsAreListedUpToABound() throws Exception {
    StringBuilder tap = new StringBuilder();
    int subtests = ProblemList.MAX + 10;
    for (int i = 1; i <= subtests; i++) {
      tap.append("    1..2\n    ok 1\nok ").append(i).append(" - part ").append(i).append('\n');
    }
    tap.append("1..").append(subtests).append('\n');

    List<String> problems = parse(tap.toString()).problems();

    assertThat(problems).hasSize(ProblemList.MAX + 1);
    assertThat(problems.get(0)).isEqualTo("subtest 'part 1' planned 2 tests, 1 ran");
    assertThat(problems.get(ProblemList.MAX)).isEqualTo("10 more problems were not listed");
  }

  @Test
  void moreCasesThanTheLimitIsUnprocessable() {
    ParseLimits limits = limits(3, 4_000, 16_000, 64);

    assertThatThrownBy(() -> parse("1..4\nok 1\nok 2\nok 3\nok 4\n", limits))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageContaining("more than 3 test cases");
  }

  @Test
  void missedCasesStopAtTheCaseLimit() throws Exception {
    ParseLimits limits = limits(5, 4_000, 16_000, 64);

    ParsedResults results = parse("1..1000000000\nok 1 - ran\nBail out! gave up\n", limits);

    assertThat(results.cases()).hasSize(5);
    assertThat(results.cases())
        .extracting(TestCaseResult::name)
        .containsExactly(
            "ran",
            "test 2 (never ran)",
            "test 3 (never ran)",
            "test 4 (never ran)",
            "test 5 (never ran)");
    assertThat(results.problems()).containsExactly("bailed out: 'gave up'");
  }

  @Test
  void messagesAndOutputAreCutToTheLimits() throws Exception {
    ParseLimits limits = limits(100, 10, 20, 64);

    ParsedResults results =
        parse(
            """
            1..1
            not ok 1 - long
              ---
              message: 'a message far longer than ten characters'
              got: 'an output value far longer than twenty characters'
              ...
            """,
            limits);

    TestCaseResult c = results.cases().get(0);
    assertThat(c.message()).hasSize(10).isEqualTo("a message…");
    assertThat(c.output()).hasSize(20).startsWith("got: ").endsWith("…");
  }

  @Test
  void subtestsNestedDeeperThanTheLimitAreUnprocessable() {
    assertThatThrownBy(() -> parseResource("too-deep.tap"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the TAP document nests subtests deeper than 64 levels (line 2)");
  }

  @Test
  void subtestsNestedToTheLimitAreRead() throws Exception {
    StringBuilder tap = new StringBuilder("        ok 1 - bottom\n");
    tap.append("    ok 1 - middle\n").append("ok 1 - top\n1..1\n");

    ParsedResults results = parse(tap.toString(), limits(100, 4_000, 16_000, 2));

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name)
        .containsExactly(tuple("top/middle", "bottom"));
    assertThatThrownBy(() -> parse("    " + tap, limits(100, 4_000, 16_000, 2)))
        .hasMessageContaining("deeper than 2 levels");
  }

  @Test
  void aHugeSingleLineIsCutAndTheLinesAfterItStillRead() throws Exception {
    long hundredMegabytes = 100L * 1024 * 1024;
    InputStream document =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(
                    bytes("TAP version 13\n1..2\nok 1 - "),
                    new RepeatedByte((byte) 'x', hundredMegabytes),
                    bytes(" # SKIP never seen, past the cut\nok 2 - after the long line\n"))));

    ParsedResults results = parser.parse(document, ParseLimits.DEFAULT);

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases()).hasSize(2);
    TestCaseResult huge = results.cases().get(0);
    assertThat(huge.status()).isEqualTo(TestStatus.PASSED);
    assertThat(huge.name()).hasSize(PendingCase.MAX_NAME_CHARS).startsWith("xxx").endsWith("…");
    assertThat(results.cases().get(1).name()).isEqualTo("after the long line");
  }

  @Test
  void binaryGarbageIsNotTap() {
    assertThatThrownBy(() -> parseResource("garbage.bin"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not TAP: no plan and no test lines");
  }

  @Test
  void anEmptyDocumentIsNotTap() {
    assertThatThrownBy(() -> parseResource("empty.tap"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not TAP: no plan and no test lines");
  }

  @Test
  void commentsAndUnknownLinesAloneAreNotTap() {
    assertThatThrownBy(
            () -> parse("# just a comment\nhello world\n  ok 1 - two spaces is not TAP\n"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not TAP: no plan and no test lines");
  }

  @Test
  void malformedUtf8IsReplacedNotFatal() throws Exception {
    ParsedResults results = parseResource("malformed-utf8.tap");

    assertThat(results.problems()).isEmpty();
    assertThat(results.cases())
        .extracting(TestCaseResult::name)
        .containsExactly("café \uFFFD\uFFFD broken", "after the broken bytes");
  }

  @Test
  void problemsAboutSubtestsQuoteTheirUntrustedNames() throws Exception {
    ParsedResults results = parse("1..1\n# Subtest: evil\u001b[31m\n    1..2\n    ok 1\nok 1 - \n");

    assertThat(results.problems())
        .containsExactly("subtest 'evil\\u001b[31m' planned 2 tests, 1 ran");
  }

  private ParsedResults parseResource(String name) throws UnprocessableResultsException {
    InputStream document = getClass().getResourceAsStream("/results/tap/" + name);
    assertThat(document).as(name).isNotNull();
    return parser.parse(document, ParseLimits.DEFAULT);
  }

  private ParsedResults parse(String tap) throws UnprocessableResultsException {
    return parse(tap, ParseLimits.DEFAULT);
  }

  private ParsedResults parse(String tap, ParseLimits limits) throws UnprocessableResultsException {
    return parser.parse(bytes(tap), limits);
  }

  private static ParseLimits limits(int cases, int messageChars, int outputChars, int depth) {
    return new ParseLimits(cases, messageChars, outputChars, depth, 256L * 1024 * 1024, 1_000);
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  /** {@code length} copies of one byte, never all in memory. */
  private static final class RepeatedByte extends InputStream {
    private final byte value;
    private long remaining;

    RepeatedByte(byte value, long length) {
      this.value = value;
      this.remaining = length;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(length, remaining);
      Arrays.fill(buffer, offset, offset + n, value);
      remaining -= n;
      return n;
    }
  }
}
