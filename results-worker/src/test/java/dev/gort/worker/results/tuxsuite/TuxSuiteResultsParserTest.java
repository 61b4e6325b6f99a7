package dev.gort.worker.results.tuxsuite;

import static dev.gort.worker.results.ParsedCases.countByStatus;
import static dev.gort.worker.results.ParsedCases.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TuxSuiteResultsParserTest {

  private final TuxSuiteResultsParser parser = new TuxSuiteResultsParser();

  @Test
  void readsTuxSuiteFormat() {
    assertThat(parser.format()).isEqualTo(ResultsFormat.TUXSUITE);
  }

  @Test
  void resultsJsonGivesEveryTestOfEverySuiteInDocumentOrder() throws Exception {
    ParsedResults results = parse("results-ltp-kselftest.json");

    assertThat(results.format()).isEqualTo(ResultsFormat.TUXSUITE);
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            Tuple.tuple("lava", "login-action", TestStatus.PASSED),
            Tuple.tuple("ltp-smoke", "access01", TestStatus.PASSED),
            Tuple.tuple("ltp-smoke", "chdir01", TestStatus.SKIPPED),
            Tuple.tuple("ltp-smoke", "fork01", TestStatus.PASSED),
            Tuple.tuple("ltp-smoke", "symlink01", TestStatus.FAILED),
            Tuple.tuple("ltp-smoke", "ping01", TestStatus.SKIPPED),
            Tuple.tuple("ltp-smoke", "wait02", TestStatus.PASSED),
            Tuple.tuple("kselftest-timers", "timers_nanosleep", TestStatus.PASSED),
            Tuple.tuple("kselftest-timers", "timers_raw_skew", TestStatus.PASSED),
            Tuple.tuple("kselftest-timers", "timers_set-timer-lat", TestStatus.ERROR));
    assertThat(countByStatus(results))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                TestStatus.PASSED, 6L,
                TestStatus.FAILED, 1L,
                TestStatus.SKIPPED, 2L,
                TestStatus.ERROR, 1L));
    assertThat(results.builds()).isEmpty();
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void aFailedTestKeepsItsLogExcerptLinesAndLogLink() throws Exception {
    TestCaseResult symlink = named(parse("results-ltp-kselftest.json"), "symlink01");

    assertThat(symlink.message())
        .isEqualTo(
            "[2024-11-04T10:12:04.502] symlink01    1  TFAIL  :  symlink01.c:226: expected 0, got"
                + " -1\n"
                + "[2024-11-04T10:12:04.503] <LAVA_SIGNAL_TESTCASE TEST_CASE_ID=symlink01"
                + " RESULT=fail>");
    assertThat(symlink.logUrl())
        .isEqualTo(
            "https://storage.tuxsuite.com/public/gort/lab/tests/2TuxTest1/logs?start=970&end=976");
    assertThat(symlink.durationMs()).isNull();
  }

  @Test
  void aSkipKeepsWhyAndAPassHasNoMessage() throws Exception {
    ParsedResults results = parse("results-ltp-kselftest.json");

    assertThat(named(results, "chdir01").message())
        .isEqualTo(
            "[2024-11-04T10:12:01.118] chdir01 1 TCONF : tst_device.c:93: Failed to acquire"
                + " device");
    assertThat(named(results, "ping01").message()).isNull();
    assertThat(named(results, "access01").message()).isNull();
  }

  @Test
  void xfailIsAnExpectedFailureAndPasses() throws Exception {
    TestCaseResult skew = named(parse("results-ltp-kselftest.json"), "timers_raw_skew");

    assertThat(skew.status()).isEqualTo(TestStatus.PASSED);
    assertThat(skew.message()).isEqualTo("expected failure");
  }

  @Test
  void unknownIsAnErrorNamingTheResultWithTheTestsMessage() throws Exception {
    TestCaseResult latency = named(parse("results-ltp-kselftest.json"), "timers_set-timer-lat");

    assertThat(latency.status()).isEqualTo(TestStatus.ERROR);
    assertThat(latency.message())
        .isEqualTo("TuxSuite reported the result 'unknown'\ntimed out after 45 s");
  }

  @Test
  void durationsInSecondsBecomeMilliseconds() throws Exception {
    ParsedResults results = parse("results-ltp-kselftest.json");

    assertThat(named(results, "login-action").durationMs()).isEqualTo(17_270L);
    assertThat(named(results, "timers_nanosleep").durationMs()).isEqualTo(2_500L);
  }

  @Test
  void aBootThatFailedInLavaIsACaseAndAProblemAsIsAnIncompleteLavaJob() throws Exception {
    ParsedResults results = parse("results-boot-failed.json");

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(Tuple.tuple("lava", "login-action", TestStatus.FAILED));
    assertThat(results.problems())
        .containsExactly(
            "the boot failed",
            "the LAVA job did not complete: 'login-action timed out after 300 seconds'");
  }

  @Test
  void aTestStatusWhoseBootFailedNamesTheDevice() throws Exception {
    ParsedResults results = parse("test-status-boot-failed.json");

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(Tuple.tuple("", "boot", TestStatus.FAILED));
    assertThat(results.problems()).containsExactly("the boot failed on 'qemu-arm64'");
    assertThat(results.builds()).isEmpty();
  }

  @Test
  void aTestStatusSummaryGivesOneCasePerTest() throws Exception {
    ParsedResults results = parse("test-status-ltp.json");

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            Tuple.tuple("", "boot", TestStatus.PASSED),
            Tuple.tuple("", "ltp-smoke", TestStatus.FAILED),
            Tuple.tuple("", "kselftest-timers", TestStatus.PASSED));
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void aTestStatusMayHoldSuitesOfTestsInsteadOfWords() throws Exception {
    ParsedResults results =
        parse(
            """
            {"state": "finished", "result": "pass", "device": "qemu-arm64",
             "results": {"boot": {"boot": {"result": "fail"}},
                         "1_kunit": {"example_simple_test": {"result": "pass"}}}}
            """,
            ParseLimits.DEFAULT);

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            Tuple.tuple("boot", "boot", TestStatus.FAILED),
            Tuple.tuple("kunit", "example_simple_test", TestStatus.PASSED));
    assertThat(results.problems()).containsExactly("the boot failed on 'qemu-arm64'");
  }

  @Test
  void aCallbackPayloadIsReadAsTheStatusItWraps() throws Exception {
    ParsedResults results = parse("callback-test-error.json");

    assertThat(results.cases()).isEmpty();
    assertThat(results.problems())
        .containsExactly(
            "TuxSuite ended the test job with the result 'error' ('Infrastructure error: no device"
                + " available')",
            "TuxSuite reported no test results for the job");
  }

  @Test
  void aPassingBuildStatusIsOneBuildAndNoTestCases() throws Exception {
    ParsedResults results = parse("build-pass.json");

    assertThat(results.cases()).isEmpty();
    assertThat(results.problems()).isEmpty();
    assertThat(results.builds())
        .containsExactly(
            new BuildResult(
                "1t2X8ddYei4bhGlsscUJv46woGi",
                true,
                "pass",
                "arm64 tinyconfig",
                "gcc-10",
                0,
                0,
                "https://builds.tuxbuild.com/1t2X8ddYei4bhGlsscUJv46woGi/",
                "https://builds.tuxbuild.com/1t2X8ddYei4bhGlsscUJv46woGi/build.log",
                113_000L));
  }

  @Test
  void aFailedBuildCountsItsErrorsInAProblem() throws Exception {
    ParsedResults results = parse("build-fail.json");

    assertThat(results.builds())
        .containsExactly(
            new BuildResult(
                "2TuxBuild4",
                false,
                "fail",
                "x86_64 defconfig+CONFIG_KASAN=y",
                "gcc-13",
                12,
                3,
                "https://storage.tuxsuite.com/public/gort/lab/builds/2TuxBuild4/",
                "https://storage.tuxsuite.com/public/gort/lab/builds/2TuxBuild4/build.log",
                742_000L));
    assertThat(results.problems())
        .containsExactly(
            "the build of 'x86_64 defconfig+CONFIG_KASAN=y' with 'gcc-13' failed with 3 errors");
    assertThat(results.cases()).isEmpty();
  }

  @Test
  void aBuildTuxSuiteCouldNotRunSaysWhyAndKeepsNoUnsafeLink() throws Exception {
    ParsedResults results =
        parse(
            """
            {"build_status": "error", "state": "finished", "uid": "2TuxBuild6",
             "status_message": "Infrastructure Error, Please retry",
             "download_url": "javascript:alert(1)", "warnings_count": "2"}
            """,
            ParseLimits.DEFAULT);

    BuildResult build = results.builds().get(0);
    assertThat(build.passed()).isFalse();
    assertThat(build.status()).isEqualTo("error");
    assertThat(build.downloadUrl()).isNull();
    assertThat(build.logUrl()).isNull();
    assertThat(build.target()).isNull();
    assertThat(build.warnings()).isEqualTo(2);
    assertThat(build.errors()).isNull();
    assertThat(results.problems())
        .containsExactly(
            "the build did not complete: its build status is 'error' ('Infrastructure Error,"
                + " Please retry')");
  }

  @Test
  void aJobNotFinishedIsUnprocessable() {
    assertThatThrownBy(() -> parse("test-status-running.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("the TuxSuite job has not finished: its state is 'running'");
  }

  @Test
  void aTestWithoutAResultWordIsNotTuxSuiteResults() {
    assertThatThrownBy(() -> parse("wrong-types.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not TuxSuite results: '0_ltp-smoke' holds 'chdir01', which is not a test with a"
                + " result");
  }

  @Test
  void aSummaryResultThatIsNotAWordIsUnprocessable() {
    assertThatThrownBy(
            () ->
                parse("{\"state\": \"finished\", \"results\": {\"boot\": 1}}", ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not TuxSuite results: the job's result of 'boot' is neither a word nor a suite of"
                + " tests, at line 1, column 43");
  }

  @Test
  void anotherFormatsDocumentIsNotTuxSuiteResults() {
    assertThatThrownBy(() -> parse("not-tuxsuite.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not TuxSuite results: the document has no build_status (a build's status), no results"
                + " (a test job's status) and no suites of tests (a results.json)");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsNotTuxSuiteResults() {
    assertThatThrownBy(() -> parse("[{\"result\": \"pass\"}]", ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not TuxSuite results: the document is not a JSON object");
  }

  @Test
  void truncatedJsonSaysWhereItEnds() {
    assertThatThrownBy(() -> parse("truncated.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching(
            "the document ends too early \\(is it truncated\\?\\), at line 23, column \\d+")
        .hasMessageNotContaining("Source")
        .hasMessageNotContaining("jackson");
  }

  @Test
  void malformedJsonNamesLineAndColumnWithoutClassNames() {
    assertThatThrownBy(() -> parse("{\"lava\": {\"job\" \"pass\"}}", ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the document is not well-formed JSON at line 1, column 17: ")
        .hasMessageNotContaining("com.fasterxml")
        .hasMessageNotContaining("Source");
  }

  @Test
  void nestingBeyondTheLimitIsUnprocessable() {
    assertThatThrownBy(() -> parse("deep-nesting.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching("the document nests deeper than allowed, at line 1, column \\d+");
  }

  @Test
  void moreTestCasesThanTheLimitIsUnprocessable() {
    assertThatThrownBy(() -> parse("results-ltp-kselftest.json", limits(9, 4_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith(
            "the TuxSuite results hold more than 9 test cases (stopped at line");
  }

  @Test
  void exactlyTheLimitOfTestCasesIsRead() throws Exception {
    assertThat(parse("results-ltp-kselftest.json", limits(10, 4_000)).cases()).hasSize(10);
  }

  @Test
  void messagesAreCutToTheLimit() throws Exception {
    TestCaseResult symlink =
        named(parse("results-ltp-kselftest.json", limits(100, 20)), "symlink01");

    assertThat(symlink.message()).hasSize(20).startsWith("[2024-11-04T10:12:0").endsWith("…");
  }

  @Test
  void aDeviceNameInAProblemIsEscapedAndAnUnsafeLogLinkDropped() throws Exception {
    ParsedResults results =
        parse(
            """
            {"state": "finished", "device": "qemu\\nFORGED line",
             "results": {"boot": {"boot": {"result": "fail", "log_url": "javascript:x()"}}}}
            """,
            ParseLimits.DEFAULT);

    assertThat(results.problems()).containsExactly("the boot failed on 'qemu\\nFORGED line'");
    assertThat(results.cases().get(0).logUrl()).isNull();
  }

  @Test
  void contentAfterTheDocumentIsUnprocessable() {
    assertThatThrownBy(
            () -> parse("{\"boot\": {\"boot\": {\"result\": \"pass\"}}} {}", ParseLimits.DEFAULT))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not TuxSuite results: the document goes on after its end, at line 1, column 40");
  }

  private static ParseLimits limits(int maxTestCases, int maxMessageChars) {
    return new ParseLimits(maxTestCases, maxMessageChars, 16_000, 64, 1024 * 1024, 100);
  }

  private ParsedResults parse(String fixture) throws UnprocessableResultsException {
    return parse(fixture, ParseLimits.DEFAULT);
  }

  private ParsedResults parse(String fixtureOrJson, ParseLimits limits)
      throws UnprocessableResultsException {
    InputStream in =
        fixtureOrJson.endsWith(".json")
            ? getClass().getResourceAsStream("/results/tuxsuite/" + fixtureOrJson)
            : new ByteArrayInputStream(fixtureOrJson.getBytes(StandardCharsets.UTF_8));
    assertThat(in).as(fixtureOrJson).isNotNull();
    return parser.parse(in, limits);
  }
}
