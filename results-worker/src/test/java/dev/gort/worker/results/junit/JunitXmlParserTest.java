package dev.gort.worker.results.junit;

import static dev.gort.worker.results.ParsedCases.countByStatus;
import static dev.gort.worker.results.ParsedCases.named;
import static dev.gort.worker.results.TestStatus.ERROR;
import static dev.gort.worker.results.TestStatus.FAILED;
import static dev.gort.worker.results.TestStatus.PASSED;
import static dev.gort.worker.results.TestStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JunitXmlParserTest {

  private final JunitXmlParser parser = new JunitXmlParser();

  // --- what each tool writes

  @Test
  void surefireReportKeepsEveryOutcomeWithItsMessageAndOutput() throws Exception {
    ParsedResults results = parseFixture("surefire-TEST-dev.gort.sample.CalculatorTest.xml");

    assertThat(results.format()).isEqualTo(ResultsFormat.JUNIT);
    assertThat(countByStatus(results))
        .isEqualTo(Map.of(PASSED, 3L, FAILED, 2L, ERROR, 2L, SKIPPED, 1L));
    assertThat(results.cases())
        .extracting(TestCaseResult::name)
        .containsExactly(
            "addsTwoNumbers",
            "dividesByZero",
            "readsConfiguration",
            "usesTheLegacyApi",
            "retriesTheConnection",
            "loadsTheFixture",
            "roundsHalfUp",
            "opensTheSocket");
    assertThat(results.cases())
        .allSatisfy(
            c -> {
              assertThat(c.suite()).isEqualTo("dev.gort.sample.CalculatorTest");
              assertThat(c.className()).isEqualTo("dev.gort.sample.CalculatorTest");
            });
    assertThat(results.problems()).isEmpty();
    assertThat(results.builds()).isEmpty();

    TestCaseResult passed = named(results, "addsTwoNumbers");
    assertThat(passed.status()).isEqualTo(PASSED);
    assertThat(passed.durationMs()).isEqualTo(12L);
    assertThat(passed.message()).isNull();
    assertThat(passed.output()).isEqualTo("computing 2 + 2\nresult 4\n");
    assertThat(passed.flaky()).isFalse();
  }

  @Test
  void surefireFailureKeepsTheTopOfItsStackTraceAndBothOutputs() throws Exception {
    TestCaseResult failed =
        named(parseFixture("surefire-TEST-dev.gort.sample.CalculatorTest.xml"), "dividesByZero");

    assertThat(failed.status()).isEqualTo(FAILED);
    assertThat(failed.durationMs()).isEqualTo(4L);
    // the trace's first line already says the message attribute, so it is not said twice
    assertThat(failed.message())
        .startsWith(
            "org.opentest4j.AssertionFailedError: expected: <Infinity> but was: <NaN>\n"
                + "\tat org.junit.jupiter.api.AssertionFailureBuilder.build(")
        .contains("\tat dev.gort.sample.CalculatorTest.dividesByZero(CalculatorTest.java:31)")
        .doesNotContain("ReflectionUtils")
        .endsWith("\n…");
    assertThat(failed.message().lines()).hasSize(JunitOutcome.TEXT_LINES + 1);
    assertThat(failed.output()).isEqualTo("dividing 1 by 0\nWARN division by zero\n");
  }

  @Test
  void surefireErrorAndSkipAreTheirOwnStatuses() throws Exception {
    ParsedResults results = parseFixture("surefire-TEST-dev.gort.sample.CalculatorTest.xml");

    TestCaseResult error = named(results, "readsConfiguration");
    assertThat(error.status()).isEqualTo(ERROR);
    assertThat(error.message())
        .startsWith(
            "java.io.FileNotFoundException: config/calculator.properties (No such file or"
                + " directory)\n")
        .endsWith("CalculatorTest.readsConfiguration(CalculatorTest.java:40)");

    TestCaseResult skipped = named(results, "usesTheLegacyApi");
    assertThat(skipped.status()).isEqualTo(SKIPPED);
    assertThat(skipped.message()).isEqualTo("not on JDK 17");
    assertThat(skipped.durationMs()).isZero();
  }

  @Test
  void surefireFlakyTestPassedOnARerunAndSaysHowItFailedFirst() throws Exception {
    ParsedResults results = parseFixture("surefire-TEST-dev.gort.sample.CalculatorTest.xml");

    TestCaseResult flakyFailure = named(results, "retriesTheConnection");
    assertThat(flakyFailure.status()).isEqualTo(PASSED);
    assertThat(flakyFailure.flaky()).isTrue();
    assertThat(flakyFailure.durationMs()).isEqualTo(101L);
    assertThat(flakyFailure.message())
        .startsWith("org.opentest4j.AssertionFailedError: expected: <true> but was: <false>\n");
    // the failed run's own system-out (inside <flakyFailure>) is not the test's output
    assertThat(flakyFailure.output()).isEqualTo("attempt 2: connected\n");

    TestCaseResult flakyError = named(results, "loadsTheFixture");
    assertThat(flakyError.status()).isEqualTo(PASSED);
    assertThat(flakyError.flaky()).isTrue();
    assertThat(flakyError.message()).startsWith("java.net.SocketException: Connection reset\n");
    assertThat(flakyError.output()).isNull();

    assertThat(results.cases()).filteredOn(TestCaseResult::flaky).hasSize(2);
  }

  @Test
  void surefireTestThatFailedEveryRerunStaysFailingAndIsNotFlaky() throws Exception {
    ParsedResults results = parseFixture("surefire-TEST-dev.gort.sample.CalculatorTest.xml");

    TestCaseResult rerunFailure = named(results, "roundsHalfUp");
    assertThat(rerunFailure.status()).isEqualTo(FAILED);
    assertThat(rerunFailure.flaky()).isFalse();
    assertThat(rerunFailure.message())
        .startsWith("org.opentest4j.AssertionFailedError: expected: <3> but was: <2>\n");
    assertThat(rerunFailure.output()).isEqualTo("first run\n");

    TestCaseResult rerunError = named(results, "opensTheSocket");
    assertThat(rerunError.status()).isEqualTo(ERROR);
    assertThat(rerunError.flaky()).isFalse();
    assertThat(rerunError.message()).startsWith("java.net.BindException: Address already in use\n");
  }

  @Test
  void rerunElementsWithoutAFirstFailureStillFail() throws Exception {
    ParsedResults results =
        parse(
            """
            <testsuite name="s">
              <testcase name="t"><rerunError message="boom" type="E"><stackTrace>E: boom</stackTrace></rerunError></testcase>
            </testsuite>
            """);

    assertThat(results.cases().get(0).status()).isEqualTo(ERROR);
    assertThat(results.cases().get(0).flaky()).isFalse();
    assertThat(results.cases().get(0).message()).isEqualTo("E: boom");
  }

  @Test
  void failsafeReportReadsThousandsSeparatorsInTimes() throws Exception {
    ParsedResults results = parseFixture("failsafe-TEST-dev.gort.sample.CheckoutIT.xml");

    assertThat(countByStatus(results)).isEqualTo(Map.of(PASSED, 2L, FAILED, 1L));
    assertThat(results.cases())
        .extracting(TestCaseResult::name, TestCaseResult::durationMs)
        .containsExactly(
            tuple("checksOutACart", 1_024_500L),
            tuple("refusesAnEmptyCart", 1_250L),
            tuple("paysWithACard", 1_281L));
    TestCaseResult failed = named(results, "paysWithACard");
    assertThat(failed.message())
        .isEqualTo(
            "java.lang.AssertionError: Expecting HTTP 201 but was 502\n"
                + "\tat dev.gort.sample.CheckoutIT.paysWithACard(CheckoutIT.java:44)");
    assertThat(failed.output()).isEqualTo("POST /payments -> 502 Bad Gateway\n");
  }

  @Test
  void pytestXunit2ReportCombinesMessageAttributeAndReport() throws Exception {
    ParsedResults results = parseFixture("pytest-xunit2.xml");

    assertThat(countByStatus(results))
        .isEqualTo(Map.of(PASSED, 2L, FAILED, 1L, ERROR, 1L, SKIPPED, 2L));
    assertThat(results.cases()).extracting(TestCaseResult::suite).containsOnly("pytest");
    assertThat(results.cases())
        .extracting(TestCaseResult::name)
        .containsExactly(
            "test_parses_empty",
            "test_rejects_garbage",
            "test_connects",
            "test_windows_only",
            "test_known_bug",
            "test_unicode[café]");

    TestCaseResult failed = named(results, "test_rejects_garbage");
    assertThat(failed.className()).isEqualTo("tests.test_parser");
    assertThat(failed.durationMs()).isEqualTo(2L);
    // the attribute's &#10; are newlines; the report below it does not repeat it, so both are kept
    assertThat(failed.message())
        .isEqualTo(
            """
            AssertionError: assert 'x' == 'y'
              - y
              + x
            def test_rejects_garbage():
            >       assert parse("x") == "y"
            E       AssertionError: assert 'x' == 'y'
            E         - y
            E         + x

            tests/test_parser.py:12: AssertionError""");
    assertThat(failed.output())
        .endsWith("Captured Out ---------------------------------\nparsing 'x'\n");

    TestCaseResult setupError = named(results, "test_connects");
    assertThat(setupError.status()).isEqualTo(ERROR);
    assertThat(setupError.message())
        .startsWith(
            "failed on setup with \"ConnectionRefusedError: [Errno 111] Connection refused\"\n"
                + "@pytest.fixture\n");

    assertThat(named(results, "test_windows_only").message())
        .isEqualTo("/home/ci/project/tests/test_db.py:20: requires Windows");
    assertThat(named(results, "test_known_bug").message()).isEqualTo("bug #12");
    assertThat(named(results, "test_known_bug").durationMs()).isEqualTo(3L);
  }

  @Test
  void pytestXunit1ReportUnderABareTestsuiteIgnoresPerTestProperties() throws Exception {
    ParsedResults results = parseFixture("pytest-xunit1.xml");

    assertThat(countByStatus(results)).isEqualTo(Map.of(PASSED, 2L, FAILED, 1L));
    assertThat(results.cases())
        .extracting(TestCaseResult::className, TestCaseResult::name)
        .containsExactly(
            tuple("tests.test_math", "test_add"),
            tuple("tests.test_math", "test_div"),
            tuple("tests.test_math.TestRounding", "test_round"));
    assertThat(named(results, "test_add").message()).isNull();
    assertThat(named(results, "test_add").output()).isNull();
    assertThat(named(results, "test_div").message())
        .isEqualTo(
            """
            def test_div():
            >       assert 1 / 0 == 0
            E       ZeroDivisionError: division by zero

            tests/test_math.py:8: ZeroDivisionError""");
  }

  @Test
  void gradleReportLeavesSuiteOutputOutOfItsCases() throws Exception {
    ParsedResults results = parseFixture("gradle-TEST-dev.gort.sample.ParserTest.xml");

    assertThat(countByStatus(results)).isEqualTo(Map.of(PASSED, 2L, FAILED, 1L, SKIPPED, 1L));
    assertThat(results.cases()).extracting(TestCaseResult::output).containsOnlyNulls();
    assertThat(results.cases())
        .extracting(TestCaseResult::suite)
        .containsOnly("dev.gort.sample.ParserTest");

    TestCaseResult failed = named(results, "parsesHex()");
    assertThat(failed.durationMs()).isEqualTo(61L);
    assertThat(failed.message())
        .startsWith("org.opentest4j.AssertionFailedError: expected: <255> but was: <0>\n\tat app//")
        .endsWith("\n…");
    assertThat(failed.message().lines().filter(l -> l.contains("expected: <255>"))).hasSize(1);

    TestCaseResult skipped = named(results, "parsesOctal()");
    assertThat(skipped.status()).isEqualTo(SKIPPED);
    assertThat(skipped.message()).isNull();
    assertThat(skipped.durationMs()).isZero();
  }

  @Test
  void goJunitReportKeepsPackagesAsSuitesAndSubtestsAsNames() throws Exception {
    ParsedResults results = parseFixture("go-junit-report.xml");

    assertThat(countByStatus(results)).isEqualTo(Map.of(PASSED, 3L, FAILED, 1L, SKIPPED, 1L));
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name)
        .containsExactly(
            tuple("example.com/gort/sample/parse", "TestParse"),
            tuple("example.com/gort/sample/parse", "TestParse/empty_input"),
            tuple("example.com/gort/sample/parse", "TestParseNetwork"),
            tuple("example.com/gort/sample/format", "TestFormat"),
            tuple("example.com/gort/sample/format", "TestFormatWide"));
    assertThat(named(results, "TestParse/empty_input").message())
        .isEqualTo(
            "Failed\n"
                + "parse_test.go:31: Parse(\"\") = 0, want error\n"
                + "    parse_test.go:32: Longer\n"
                + "        explanation.");
    assertThat(named(results, "TestParse/empty_input").durationMs()).isEqualTo(20L);
    assertThat(named(results, "TestParseNetwork").message())
        .isEqualTo("Skipped\nparse_test.go:40: no network in CI");
    // go-junit-report's package output ("exit status 1") belongs to no test
    assertThat(results.cases()).extracting(TestCaseResult::output).containsOnlyNulls();
  }

  @Test
  void nestedSuitesMakeAPathOutermostFirst() throws Exception {
    ParsedResults results = parseFixture("nested-suites.xml");

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name)
        .containsExactly(
            tuple("api/users", "creates a user"),
            tuple("api/users/admin", "bans a user"),
            tuple("api", "answers health checks"),
            tuple("", "in an unnamed suite"),
            tuple("", "outside any suite"));
    TestCaseResult banned = named(results, "bans a user");
    assertThat(banned.status()).isEqualTo(FAILED);
    assertThat(banned.durationMs()).isEqualTo(500L);
    assertThat(banned.message()).isEqualTo("AssertionError: expected 403, got 200");
    TestCaseResult bare = named(results, "in an unnamed suite");
    assertThat(bare.className()).isNull();
    assertThat(bare.durationMs()).isNull();
  }

  // --- reading details

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "0.012|12",
        "12|12000",
        "0|0",
        "0.0005|1",
        "0.0004|0",
        "1.9995|2000",
        "0.123456789|123",
        "0.1234567891|123",
        "12.|12000",
        "123456789012345|123456789012345000",
        "1234567890123456|1234567890123456000",
        "' 0.5 '|500",
        "'1,234.5'|1234500",
        "'12,345,678'|12345678000",
        "'0,25'|250",
        "1.0E-4|0",
        "1.5e2|150000",
        "-1|null",
        "-0.5|null",
        "abc|null",
        "''|null",
        ".|null",
        "NaN|null",
        "Infinity|null",
        "1e999|null",
        "1e-999|0",
        "'1,2,3'|null",
        "0x10|null",
        "null|null"
      })
  void timesAreSecondsReadLeniently(String seconds, Long millis) {
    assertThat(JunitTime.millis(seconds)).isEqualTo(millis);
  }

  @Test
  void aGarbageTimeIsNoDurationNotAnError() throws Exception {
    ParsedResults results =
        parse(
            """
            <testsuites><testsuite name="s">
              <testcase name="a" time="soon"/><testcase name="b" time="-3"/><testcase name="c" time=" 2.5 "/>
            </testsuite></testsuites>
            """);

    assertThat(results.cases())
        .extracting(TestCaseResult::durationMs)
        .containsExactly(null, null, 2500L);
  }

  @Test
  void predefinedEntitiesAndCharacterReferencesAreRead() throws Exception {
    ParsedResults results =
        parse(
            """
            <testsuite name="a &amp; b"><testcase name="x &lt; y" classname="C&#233;">
              <failure message="&quot;1&quot; &gt; 2">got &apos;1&apos; &gt; 2</failure>
            </testcase></testsuite>
            """);

    TestCaseResult c = results.cases().get(0);
    assertThat(c.suite()).isEqualTo("a & b");
    assertThat(c.name()).isEqualTo("x < y");
    assertThat(c.className()).isEqualTo("Cé");
    assertThat(c.message()).isEqualTo("\"1\" > 2\ngot '1' > 2");
  }

  @Test
  void aFailureWinsOverASkipInTheSameTestCase() throws Exception {
    ParsedResults results =
        parse(
            """
            <testsuite name="s"><testcase name="t">
              <skipped message="later"/><failure message="broke"/><error message="also"/>
            </testcase></testsuite>
            """);

    assertThat(results.cases().get(0).status()).isEqualTo(FAILED);
    assertThat(results.cases().get(0).message()).isEqualTo("broke");
  }

  @Test
  void everySystemOutAndErrOfATestCaseIsKeptInOrder() throws Exception {
    ParsedResults results =
        parse(
            """
            <testsuite name="s"><testcase name="t">
              <system-out>one</system-out><system-err>two
            </system-err><system-out><![CDATA[three]]></system-out>
            </testcase></testsuite>
            """);

    assertThat(results.cases().get(0).output()).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void anEmptyTestsuitesHoldsNoCases() throws Exception {
    assertThat(parse("<testsuites/>").cases()).isEmpty();
    assertThat(parse("<?xml version=\"1.0\"?>\n<testsuites></testsuites>").cases()).isEmpty();
  }

  @Test
  void aUtf16DocumentIsReadByItsDeclaredEncoding() throws Exception {
    byte[] utf16 =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite name=\"s\"><testcase name=\"ünï\"/></testsuite>"
            .getBytes(StandardCharsets.UTF_16);

    ParsedResults results = parser.parse(new ByteArrayInputStream(utf16), ParseLimits.DEFAULT);

    assertThat(results.cases()).extracting(TestCaseResult::name).containsExactly("ünï");
  }

  // --- limits

  @Test
  void moreTestCasesThanTheLimitIsUnprocessableAndSaysTheLimit() throws Exception {
    String three =
        "<testsuite name=\"s\"><testcase name=\"a\"/><testcase name=\"b\"/><testcase name=\"c\"/></testsuite>";

    assertThat(parse(three, limits(3, 4_000, 16_000, 64)).cases()).hasSize(3);
    assertThatThrownBy(() -> parse(three, limits(2, 4_000, 16_000, 64)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the results hold more than 2 test cases, the most accepted");
  }

  @Test
  void nestingDeeperThanTheLimitIsUnprocessable() throws Exception {
    String four =
        "<testsuites><testsuite><testcase name=\"t\"><failure/></testcase></testsuite></testsuites>";

    assertThat(parse(four, limits(10, 4_000, 16_000, 4)).cases()).hasSize(1);
    assertThatThrownBy(() -> parse(four, limits(10, 4_000, 16_000, 3)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the results nest elements deeper than 3 levels, the most accepted")
        .hasMessageContaining("at line 1");
  }

  @Test
  void deeplyNestedSuitesAreRefusedAtTheDefaultDepth() {
    String deep = "<testsuite>".repeat(10_000) + "</testsuite>".repeat(10_000);

    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the results nest elements deeper than 64 levels");
  }

  @Test
  void longMessagesAreCutToTheLimitAndMarked() throws Exception {
    String longTrace = "x".repeat(10_000);
    ParsedResults results =
        parse(
            "<testsuite><testcase name=\"t\"><failure message=\""
                + "m".repeat(10_000)
                + "\">"
                + longTrace
                + "</failure></testcase></testsuite>",
            limits(10, 50, 16_000, 64));

    String message = results.cases().get(0).message();
    assertThat(message).hasSize(50).startsWith("mmmm").endsWith("…");
  }

  @Test
  void hugeOutputIsCutToTheLimitWhileItStreams() throws Exception {
    // 6 MB in CDATA (as Surefire writes output), 6 MB as plain text
    String xml =
        "<testsuite><testcase name=\"t\"><system-out><![CDATA["
            + "o".repeat(6_000_000)
            + "]]></system-out><system-err>"
            + "e".repeat(6_000_000)
            + "</system-err></testcase></testsuite>";

    String output = parse(xml, limits(10, 4_000, 100, 64)).cases().get(0).output();

    assertThat(output).hasSize(100).startsWith("oooo").endsWith("o…");
  }

  @Test
  void boundedTextStopsHoldingAtItsCap() {
    BoundedText text = new BoundedText(11);
    char[] chunk = "0123456789".toCharArray();

    for (int i = 0; i < 1_000; i++) {
      text.append(chunk, 0, chunk.length);
    }
    text.breakLine();

    assertThat(text.toString()).isEqualTo("01234567890");
  }

  @Test
  void longNamesAreCut() throws Exception {
    ParsedResults results =
        parse("<testsuite><testcase name=\"" + "n".repeat(5_000) + "\"/></testsuite>");

    assertThat(results.cases().get(0).name()).hasSize(JunitXmlReader.MAX_NAME_CHARS).endsWith("n…");
  }

  // --- hostile and broken documents

  @Test
  void xxeIsRefusedAndNeverReadsTheFile() throws Exception {
    assertThatThrownBy(() -> parseFixture("hostile-xxe.xml"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the results declare a DTD (<!DOCTYPE>), which is not accepted")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain("root:").doesNotContain("/bin/"));
  }

  @Test
  void anExternalDtdIsRefusedWithoutBeingFetched() {
    String xml =
        "<!DOCTYPE testsuite SYSTEM \"http://127.0.0.1:9/evil.dtd\"><testsuite name=\"s\"/>";

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(UnprocessableResultsException.class)
                .hasMessageContaining("DTD"));
  }

  @Test
  void billionLaughsIsRefusedFast() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> parseFixture("hostile-billion-laughs.xml"))
                .isInstanceOf(UnprocessableResultsException.class)
                .hasMessageContaining("DTD"));
  }

  @Test
  void anUndeclaredEntityIsRefused() {
    assertThatThrownBy(() -> parse("<testsuite>\n<testcase name=\"&ghost;\"/></testsuite>"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageContaining("ghost")
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () -> parse("<testsuite><testcase name=\"t\">&ghost;</testcase></testsuite>"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the results refer to the undeclared entity &ghost; at line 1");
  }

  @Test
  void aTruncatedDocumentIsUnprocessableNamingLineAndColumn() {
    assertThatThrownBy(() -> parseFixture("hostile-truncated.xml"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching("the results are not well-formed XML at line [45], column \\d+: .+")
        .satisfies(JunitXmlParserTest::saysNoClassNames);
  }

  @Test
  void textThatIsNotXmlIsUnprocessable() {
    assertThatThrownBy(() -> parseFixture("hostile-not-xml.txt"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "the results are not well-formed XML at line 1, column 1: Content is not allowed in"
                + " prolog.")
        .satisfies(JunitXmlParserTest::saysNoClassNames);
  }

  @Test
  void anEmptyDocumentIsUnprocessable() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the results are not well-formed XML at line 1, column 1");
  }

  @Test
  void bytesThatAreNotUtf8AreUnprocessable() {
    byte[] latin1 =
        "<testsuite><testcase name=\"caf\u00e9\"/></testsuite>"
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(latin1), ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the results are not well-formed XML")
        .satisfies(JunitXmlParserTest::saysNoClassNames);
  }

  @Test
  void aStreamThatFailsIsNotCalledMalformedXml() {
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream("<testsuite>\n<testcase name=\"a\"/>".getBytes()),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("Connection reset");
              }
            });

    assertThatThrownBy(() -> parser.parse(failing, ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching(
            "the results could not be read to the end, having stopped at line 2, column \\d+:"
                + " Connection reset");
  }

  @Test
  void anotherRootElementIsNotJunitXml() {
    assertThatThrownBy(() -> parseFixture("hostile-wrong-root.xml"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not JUnit XML: root element <failsafe-summary>, where <testsuites> or <testsuite> was"
                + " expected");
  }

  // --- helpers

  private ParsedResults parseFixture(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/results/junit/" + name)) {
      assertThat(in).as(name).isNotNull();
      return parser.parse(in, ParseLimits.DEFAULT);
    }
  }

  private ParsedResults parse(String xml) throws UnprocessableResultsException {
    return parse(xml, ParseLimits.DEFAULT);
  }

  private ParsedResults parse(String xml, ParseLimits limits) throws UnprocessableResultsException {
    return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), limits);
  }

  static ParseLimits limits(int cases, int messageChars, int outputChars, int depth) {
    return new ParseLimits(cases, messageChars, outputChars, depth, 1L << 30, 1_000);
  }

  private static String fullText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static void saysNoClassNames(Throwable e) {
    assertThat(e.getMessage())
        .doesNotContain("Exception")
        .doesNotContain("javax.")
        .doesNotContain("com.sun")
        .doesNotContain("ParseError");
  }
}
