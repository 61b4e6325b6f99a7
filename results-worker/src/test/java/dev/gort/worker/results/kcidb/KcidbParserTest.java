package dev.gort.worker.results.kcidb;

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

class KcidbParserTest {

  private static final String V5_3 = "{\"version\": {\"major\": 5, \"minor\": 3}, ";
  private static final String BUILD_LOG_X86 =
      "https://kciapistagingstorage1.file.core.windows.net/production/kbuild-gcc-12-x86-6728f6a1/build.log";
  private static final String BUILD_LOG_ARM64 =
      "https://kciapistagingstorage1.file.core.windows.net/production/kbuild-clang-17-arm64-6728f6a1/build.log";

  private final KcidbParser parser = new KcidbParser();

  @Test
  void readsKcidbFormat() {
    assertThat(parser.format()).isEqualTo(ResultsFormat.KCIDB);
  }

  @Test
  void v5_3TestsBecomeCasesNamedByTheirPath() throws Exception {
    ParsedResults results = parse("v5_3-checkout-builds-tests.json");

    assertThat(results.format()).isEqualTo(ResultsFormat.KCIDB);
    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name, TestCaseResult::status)
        .containsExactly(
            Tuple.tuple("", "boot", TestStatus.PASSED),
            Tuple.tuple("ltp/syscalls", "sem01", TestStatus.PASSED),
            Tuple.tuple("ltp/syscalls", "fork13", TestStatus.FAILED),
            Tuple.tuple("kselftest/net/tls", "tls_sendfile", TestStatus.SKIPPED),
            Tuple.tuple("kunit/example", "example_simple_test", TestStatus.PASSED),
            Tuple.tuple("perf/hackbench", "process-pipe", TestStatus.PASSED),
            Tuple.tuple("kselftest/timers", "set-timer-lat", TestStatus.ERROR),
            Tuple.tuple("baseline/dmesg", "emerg", TestStatus.MISSED),
            Tuple.tuple("ltp", "syscalls", TestStatus.FAILED),
            Tuple.tuple("kselftest/rtc", "rtctest", TestStatus.MISSED));
    assertThat(countByStatus(results))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                TestStatus.PASSED, 4L,
                TestStatus.FAILED, 2L,
                TestStatus.SKIPPED, 1L,
                TestStatus.ERROR, 1L,
                TestStatus.MISSED, 2L));
  }

  @Test
  void messagesComeFromTheLogExcerptElseTheComment() throws Exception {
    ParsedResults results = parse("v5_3-checkout-builds-tests.json");

    assertThat(named(results, "fork13").message())
        .isEqualTo("fork13.c:102: TFAIL: Last PID reuse took 0 iterations");
    assertThat(named(results, "tls_sendfile").message()).isEqualTo("the kernel lacks CONFIG_TLS");
    assertThat(named(results, "set-timer-lat").message())
        .isEqualTo("# Timeout waiting for set-timer-lat");
    assertThat(named(results, "emerg").message()).isEqualTo("the device was lost during the job");
    assertThat(named(results, "syscalls").message()).isNull();
    assertThat(named(results, "boot").message()).isNull();
  }

  @Test
  void doneIsAPassWithoutVerdictAndNoStatusIsMissed() throws Exception {
    ParsedResults results = parse("v5_3-checkout-builds-tests.json");

    assertThat(named(results, "process-pipe").message()).isEqualTo("done, no verdict");
    assertThat(named(results, "rtctest").message()).isEqualTo("no status reported");
  }

  @Test
  void durationsInSecondsBecomeMillisecondsAndLogLinksAreKept() throws Exception {
    ParsedResults results = parse("v5_3-checkout-builds-tests.json");

    assertThat(named(results, "boot").durationMs()).isEqualTo(38_500L);
    assertThat(named(results, "sem01").durationMs()).isEqualTo(420L);
    assertThat(named(results, "fork13").durationMs()).isEqualTo(12_000L);
    assertThat(named(results, "tls_sendfile").durationMs()).isNull();
    assertThat(named(results, "fork13").logUrl())
        .isEqualTo(
            "https://kciapistagingstorage1.file.core.windows.net/production/ltp-x86-6728f8e2/log.txt");
  }

  @Test
  void buildsAreReadAndAFailedOneIsAProblem() throws Exception {
    ParsedResults results = parse("v5_3-checkout-builds-tests.json");

    assertThat(results.builds())
        .containsExactly(
            new BuildResult(
                "maestro:6728f6a1a2b4e1d3f0c11b10",
                true,
                "PASS",
                "x86_64 x86_64_defconfig",
                "gcc-12",
                null,
                null,
                null,
                BUILD_LOG_X86,
                512_400L),
            new BuildResult(
                "maestro:6728f6a1a2b4e1d3f0c11b11",
                false,
                "FAIL",
                "arm64 defconfig+kselftest",
                "clang-17",
                null,
                null,
                null,
                BUILD_LOG_ARM64,
                201_000L));
    assertThat(results.problems())
        .containsExactly(
            "the build 'maestro:6728f6a1a2b4e1d3f0c11b11' of 'arm64 defconfig+kselftest' failed");
  }

  @Test
  void anOlderMinorIsRead() throws Exception {
    ParsedResults results = parse("v5_0-cki.json");

    assertThat(results.cases())
        .extracting(
            TestCaseResult::suite,
            TestCaseResult::name,
            TestCaseResult::status,
            TestCaseResult::message)
        .containsExactly(
            Tuple.tuple("ltp", "lite", TestStatus.PASSED, null),
            Tuple.tuple("xfstests", "ext4", TestStatus.ERROR, "xfstests - ext4"),
            Tuple.tuple(
                "selinux-policy",
                "serge-testsuite",
                TestStatus.FAILED,
                "SELinux Custom Module Setup"));
    assertThat(results.builds())
        .extracting(
            BuildResult::id, BuildResult::passed, BuildResult::status, BuildResult::durationMs)
        .containsExactly(
            Tuple.tuple("redhat:1569834527-aarch64-kernel", true, "PASS", 1_838_000L),
            Tuple.tuple("redhat:1569834527-s390x-kernel", false, "ERROR", null));
    assertThat(results.builds().get(0).toolchain())
        .isEqualTo("gcc (GCC) 11.4.1 20231218 (Red Hat 11.4.1-3)");
    assertThat(results.problems())
        .containsExactly(
            "the build 'redhat:1569834527-s390x-kernel' of 's390x fedora' broke off before it"
                + " finished (ERROR)");
  }

  @Test
  void aVersionWithoutMinorAndNoListsIsEmptyResults() throws Exception {
    ParsedResults results = parseJson("{\"version\": {\"major\": 5}}");

    assertThat(results.cases()).isEmpty();
    assertThat(results.builds()).isEmpty();
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void theVersionMayComeLast() throws Exception {
    ParsedResults results =
        parseJson(
            "{\"tests\": [{\"id\": \"maestro:t1\", \"build_id\": \"maestro:b1\", \"origin\":"
                + " \"maestro\", \"path\": \"boot\", \"status\": \"PASS\"}], \"version\":"
                + " {\"major\": 5, \"minor\": 1}}");

    assertThat(results.cases()).extracting(TestCaseResult::name).containsExactly("boot");
  }

  @Test
  void aTestWithoutPathOrWithTheEmptyPathIsNamedByItsId() throws Exception {
    ParsedResults results =
        parseJson(
            V5_3
                + "\"tests\": [{\"id\": \"maestro:summary\", \"build_id\": \"maestro:b1\","
                + " \"origin\": \"maestro\", \"path\": \"\", \"status\": \"PASS\"}, {\"id\":"
                + " \"maestro:nopath\", \"build_id\": \"maestro:b1\", \"origin\": \"maestro\","
                + " \"status\": \"FAIL\"}]}");

    assertThat(results.cases())
        .extracting(TestCaseResult::suite, TestCaseResult::name)
        .containsExactly(Tuple.tuple("", "maestro:summary"), Tuple.tuple("", "maestro:nopath"));
  }

  @Test
  void aBuildWithoutStatusHasNotPassedAndIsNoProblem() throws Exception {
    ParsedResults results =
        parseJson(
            V5_3
                + "\"builds\": [{\"id\": \"maestro:b1\", \"checkout_id\": \"maestro:c1\","
                + " \"origin\": \"maestro\", \"architecture\": \"riscv\"}]}");

    BuildResult build = results.builds().get(0);
    assertThat(build.passed()).isFalse();
    assertThat(build.status()).isNull();
    assertThat(build.target()).isEqualTo("riscv");
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void aBuildsV4ValidStandsInForAMissingStatus() throws Exception {
    ParsedResults results =
        parseJson(
            V5_3
                + "\"builds\": [{\"id\": \"redhat:b1\", \"checkout_id\": \"redhat:c1\","
                + " \"origin\": \"redhat\", \"valid\": false}, {\"id\": \"redhat:b2\","
                + " \"checkout_id\": \"redhat:c1\", \"origin\": \"redhat\", \"valid\": true}]}");

    assertThat(results.builds())
        .extracting(BuildResult::passed, BuildResult::status)
        .containsExactly(Tuple.tuple(false, "FAIL"), Tuple.tuple(true, "PASS"));
    assertThat(results.problems()).containsExactly("the build 'redhat:b1' failed");
  }

  @Test
  void anUnsafeLogLinkIsDropped() throws Exception {
    ParsedResults results =
        parseJson(
            V5_3
                + "\"tests\": [{\"id\": \"maestro:t1\", \"build_id\": \"maestro:b1\", \"origin\":"
                + " \"maestro\", \"path\": \"boot\", \"status\": \"FAIL\", \"log_url\":"
                + " \"javascript:alert(1)\"}]}");

    assertThat(results.cases().get(0).logUrl()).isNull();
  }

  @Test
  void anotherMajorVersionIsUnprocessableNamingIt() {
    assertThatThrownBy(() -> parse("wrong-major.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("KCIDB I/O version 4.3 is not supported: only version 5 (any minor) is read");
  }

  @Test
  void aVersionThatIsNotAnObjectIsUnprocessable() {
    assertThatThrownBy(() -> parseJson("{\"version\": \"5.3\"}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the version is not an object");
  }

  @Test
  void aDocumentWithoutVersionIsNotKcidb() {
    assertThatThrownBy(() -> parse("no-version.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the document has no version");
  }

  @Test
  void aFieldOfTheWrongTypeNamesTheTest() {
    assertThatThrownBy(() -> parse("wrong-types.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the test 'maestro:t2' has a duration that is not a number");
  }

  @Test
  void aStatusOutsideTheSchemaIsUnprocessable() {
    assertThatThrownBy(
            () ->
                parseJson(
                    V5_3
                        + "\"tests\": [{\"id\": \"maestro:t1\", \"build_id\": \"maestro:b1\","
                        + " \"origin\": \"maestro\", \"status\": \"pass\"}]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not KCIDB data: the test 'maestro:t1' has the status 'pass', which is none of FAIL,"
                + " ERROR, MISS, PASS, DONE, SKIP");
  }

  @Test
  void aPathThatIsNotDottedNamesIsUnprocessable() {
    assertThatThrownBy(
            () ->
                parseJson(
                    V5_3
                        + "\"tests\": [{\"id\": \"maestro:t1\", \"build_id\": \"maestro:b1\","
                        + " \"origin\": \"maestro\", \"path\": \"ltp..sem01\"}]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not KCIDB data: the test 'maestro:t1' has the path 'ltp..sem01', which is not names"
                + " separated by dots");
  }

  @Test
  void anotherFormatsTestsAreNotKcidbTests() {
    assertThatThrownBy(
            () -> parseJson(V5_3 + "\"tests\": [{\"name\": \"boots\", \"status\": \"passed\"}]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the test number 1 has no id");
  }

  @Test
  void anIdWithoutOriginIsUnprocessable() {
    assertThatThrownBy(
            () ->
                parseJson(
                    V5_3
                        + "\"builds\": [{\"id\": \"b1\", \"checkout_id\": \"maestro:c1\","
                        + " \"origin\": \"maestro\"}]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage(
            "not KCIDB data: the build 'b1' has the id 'b1', which does not start with origin:");
  }

  @Test
  void aCheckoutWithoutOriginIsUnprocessable() {
    assertThatThrownBy(() -> parseJson(V5_3 + "\"checkouts\": [{\"id\": \"maestro:c1\"}]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the checkout 'maestro:c1' has no origin");
  }

  @Test
  void listsMustBeListsOfObjects() {
    assertThatThrownBy(() -> parseJson(V5_3 + "\"tests\": {\"id\": \"maestro:t1\"}}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: tests is not a list");
    assertThatThrownBy(
            () ->
                parseJson(
                    V5_3
                        + "\"checkouts\": [{\"id\": \"maestro:c1\", \"origin\": \"maestro\"},"
                        + " \"maestro:c2\"]}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: item 2 of checkouts is not an object");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsNotKcidb() {
    assertThatThrownBy(() -> parseJson("[]"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessage("not KCIDB data: the document is not a JSON object");
  }

  @Test
  void truncatedJsonSaysWhereItEnds() {
    assertThatThrownBy(() -> parse("truncated.json"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching(
            "the document ends too early \\(is it truncated\\?\\), at line 36, column \\d+");
  }

  @Test
  void malformedJsonNamesLineAndColumnWithoutClassNames() {
    assertThatThrownBy(() -> parseJson("{\"version\": {\"major\": 5,}}"))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the document is not well-formed JSON at line 1, column 25: ")
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
  void moreTestsThanTheLimitIsUnprocessable() {
    assertThatThrownBy(() -> parse("too-many-tests.json", limits(10, 4_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageMatching(
            "the KCIDB data holds more than 10 tests \\(stopped at line \\d+, column \\d+\\)");
  }

  @Test
  void exactlyTheLimitOfTestsIsRead() throws Exception {
    assertThat(parse("too-many-tests.json", limits(12, 4_000)).cases()).hasSize(12);
  }

  @Test
  void moreBuildsThanTheLimitIsUnprocessable() {
    assertThatThrownBy(() -> parse("v5_3-checkout-builds-tests.json", limits(1, 4_000)))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("the KCIDB data holds more than 1 builds");
  }

  @Test
  void messagesAreCutToTheLimit() throws Exception {
    TestCaseResult fork =
        named(parse("v5_3-checkout-builds-tests.json", limits(100, 12)), "fork13");

    assertThat(fork.message()).isEqualTo("fork13.c:10…");
  }

  private static ParseLimits limits(int maxTestCases, int maxMessageChars) {
    return new ParseLimits(maxTestCases, maxMessageChars, 16_000, 64, 1024 * 1024, 100);
  }

  private ParsedResults parse(String fixture) throws UnprocessableResultsException {
    return parse(fixture, ParseLimits.DEFAULT);
  }

  private ParsedResults parse(String fixture, ParseLimits limits)
      throws UnprocessableResultsException {
    InputStream in = getClass().getResourceAsStream("/results/kcidb/" + fixture);
    assertThat(in).as(fixture).isNotNull();
    return parser.parse(in, limits);
  }

  private ParsedResults parseJson(String json) throws UnprocessableResultsException {
    return parser.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ParseLimits.DEFAULT);
  }
}
