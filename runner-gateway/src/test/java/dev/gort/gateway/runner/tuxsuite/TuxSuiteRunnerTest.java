package dev.gort.gateway.runner.tuxsuite;

import static dev.gort.gateway.runner.tuxsuite.FakeTuxSuite.Answer.json;
import static dev.gort.gateway.runner.tuxsuite.FakeTuxSuite.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunnerStatus;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner against a JDK HTTP server that answers as TuxSuite's API does. */
class TuxSuiteRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALLBACK =
      "http://gateway.test/api/v1/callbacks/tuxsuite/test?attempt=att-1&token=tok";

  private FakeTuxSuite tux;
  private TuxSuiteRunner runner;

  @BeforeEach
  void start() {
    tux = FakeTuxSuite.start();
    runner = new TuxSuiteRunner(TuxSuiteConfigValues.of(tux.apiUrl()), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    tux.close();
  }

  @Test
  void itIsAPerJobRunnerOfEveryKindConfiguredByTokenGroupAndProject() {
    assertThat(runner.code()).isEqualTo("tuxsuite");
    assertThat(runner.kinds()).containsExactlyInAnyOrder(RunKind.values());
    assertThat(runner.callbackStyle()).isEqualTo(CallbackStyle.PER_JOB);
    assertThat(runner.unconfiguredReason()).isEmpty();
    TuxSuiteRunner bare =
        new TuxSuiteRunner(TuxSuiteConfigValues.of(tux.apiUrl()).withoutToken(), Clock.systemUTC());
    assertThat(bare.unconfiguredReason()).get().asString().contains("GORT_TUXSUITE_TOKEN");
  }

  @Test
  void aTestIsSubmittedWithTheTokenAsItIsAndAnswersTheUid() throws Exception {
    Map<String, Object> settings =
        runner.checkSettings(RunKind.TEST, Map.of("tests", List.of("ltp-smoke", "kselftest")));

    String uid = runner.dispatch(request(RunKind.TEST, settings, false));

    assertThat(uid).isEqualTo("2Tux1");
    FakeTuxSuite.Request sent = tux.requests("POST", PROJECT + "/tests").get(0);
    assertThat(sent.header("Authorization")).isEqualTo(FakeTuxSuite.TOKEN);
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("device").asText()).isEqualTo("qemu-arm64");
    assertThat(body.get("kernel").asText()).isEqualTo("https://storage.tuxboot.com/arm64/Image");
    assertThat(body.has("modules")).isFalse();
    assertThat(JSON.convertValue(body.get("tests"), List.class))
        .containsExactly("ltp-smoke", "kselftest");
    assertThat(body.get("callback").asText()).isEqualTo(CALLBACK);
    assertThat(JSON.convertValue(body.get("callback_headers"), Map.class))
        .containsEntry("X-Gort-Run", "run-7")
        .containsEntry("X-Gort-Attempt", "2");
  }

  @Test
  void aBootTestRunsBootOnly() throws Exception {
    Map<String, Object> settings =
        runner.checkSettings(
            RunKind.BOOT, Map.of("device", "qemu-x86_64", "modules", "https://x.test/m.tar.xz"));

    runner.dispatch(request(RunKind.BOOT, settings, false));

    JsonNode body = JSON.readTree(tux.requests("POST", PROJECT + "/tests").get(0).body());
    assertThat(JSON.convertValue(body.get("tests"), List.class)).containsExactly("boot");
    assertThat(body.get("device").asText()).isEqualTo("qemu-x86_64");
    assertThat(body.get("modules").asText()).isEqualTo("https://x.test/m.tar.xz");
  }

  @Test
  void aBuildIsAPlanOfOneBuildAndItsUidIsTheListsFirst() throws Exception {
    Map<String, Object> settings =
        runner.checkSettings(
            RunKind.BUILD, Map.of("toolchain", "clang-17", "kconfig", "tinyconfig"));

    String uid = runner.dispatch(request(RunKind.BUILD, settings, false));

    assertThat(uid).isEqualTo("2Bld1");
    JsonNode body = JSON.readTree(tux.requests("POST", PROJECT + "/builds").get(0).body());
    assertThat(body.get("patches").isObject()).isTrue();
    JsonNode build = body.get("builds").get(0);
    assertThat(build.get("git_repo").asText()).contains("torvalds/linux.git");
    assertThat(build.get("git_ref").asText()).isEqualTo("master");
    assertThat(build.get("target_arch").asText()).isEqualTo("arm64");
    assertThat(build.get("toolchain").asText()).isEqualTo("clang-17");
    assertThat(JSON.convertValue(build.get("kconfig"), List.class)).containsExactly("tinyconfig");
    assertThat(build.get("callback").asText()).isEqualTo(CALLBACK);
  }

  @Test
  void aRetriedHandOverFindsTheJobItsEarlierTryStartedInsteadOfSubmittingAgain() {
    Map<String, Object> settings = runner.checkSettings(RunKind.TEST, Map.of());
    String first = runner.dispatch(request(RunKind.TEST, settings, false));

    String again = runner.dispatch(request(RunKind.TEST, settings, true));

    assertThat(again).isEqualTo(first);
    assertThat(tux.requests("POST", PROJECT + "/tests")).hasSize(1);
    assertThat(tux.requests("GET", PROJECT + "/tests").get(0).query()).isEqualTo("limit=100");
  }

  @Test
  void aRetriedHandOverThatFindsNothingSubmits() {
    Map<String, Object> settings = runner.checkSettings(RunKind.BUILD, Map.of());
    String uid = runner.dispatch(request(RunKind.BUILD, settings, true));

    assertThat(uid).isEqualTo("2Bld1");
    assertThat(tux.requests("GET", PROJECT + "/builds")).hasSize(1);
    assertThat(tux.requests("POST", PROJECT + "/builds")).hasSize(1);
  }

  @Test
  void refusalsRateLimitsAndOutagesAreToldApart() {
    Map<String, Object> settings = runner.checkSettings(RunKind.TEST, Map.of());
    tux.on(
        "POST",
        PROJECT + "/tests",
        json(400, "{\"error\": \"unknown device\"}"),
        json(429, "{}").with("Retry-After", "30"),
        json(503, "{}"),
        json(201, "{\"state\": \"provisioning\"}"));

    assertThatThrownBy(() -> runner.dispatch(request(RunKind.TEST, settings, false)))
        .isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("unknown device");
    Instant before = Instant.now();
    assertThatThrownBy(() -> runner.dispatch(request(RunKind.TEST, settings, false)))
        .isInstanceOfSatisfying(
            RunnerRateLimitedException.class,
            e -> assertThat(e.retryAt()).isAfter(before.plusSeconds(29)));
    assertThatThrownBy(() -> runner.dispatch(request(RunKind.TEST, settings, false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("503");
    assertThatThrownBy(() -> runner.dispatch(request(RunKind.TEST, settings, false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("without a uid");
  }

  @Test
  void aWrongTokenIsTuxSuiteUnusableNotTheJobsFault() {
    TuxSuiteConfigValues values = TuxSuiteConfigValues.of(tux.apiUrl());
    TuxSuiteRunner wrong =
        new TuxSuiteRunner(
            new TuxSuiteConfigValues(
                values.apiUrl(),
                java.util.Optional.of("nope"),
                values.group(),
                values.project(),
                values.device(),
                values.kernel(),
                values.modules(),
                values.tests(),
                values.gitRepo(),
                values.gitRef(),
                values.targetArch(),
                values.toolchain(),
                values.kconfig(),
                values.connectTimeout(),
                values.readTimeout(),
                values.keyRefetchInterval()),
            Clock.systemUTC());

    assertThatThrownBy(
            () ->
                wrong.dispatch(
                    request(RunKind.TEST, runner.checkSettings(RunKind.TEST, Map.of()), false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("GORT_TUXSUITE_TOKEN");
  }

  @ParameterizedTest
  @CsvSource({
    "pass, PASSED, true",
    "fail, FAILED, true",
    "error, INFRA_FAILURE, false",
    "canceled, CANCELLED, false",
    "unknown, INFRA_FAILURE, false"
  })
  void aFinishedJobsStatusRecoversItsReport(String result, RunnerStatus outcome, boolean results) {
    tux.on("GET", PROJECT + "/tests/2TuxA", json(200, statusOf("2TuxA", "finished", result)));

    RunnerJobStatus status = runner.status(new RunnerJob("2TuxA", RunKind.TEST, Map.of()));

    assertThat(status.finished()).isTrue();
    assertThat(status.report().outcome()).isEqualTo(outcome);
    assertThat(status.report().jobId()).isEqualTo("2TuxA");
    assertThat(status.report().detail()).contains(result).contains("status poll");
    assertThat(status.report().resultsUrl())
        .isEqualTo(results ? "https://storage.tuxsuite.com/public/gort/lab/tests/2TuxA/" : null);
  }

  @Test
  void aSubmittedJobThatFinishedIsRecoveredByItsStatusPoll() {
    String uid =
        runner.dispatch(
            new DispatchRequest(
                "att-9",
                "run-9",
                1,
                "lost-fail-exp",
                "rev-1",
                RunKind.TEST,
                CALLBACK,
                runner.checkSettings(RunKind.TEST, Map.of()),
                false));

    RunnerJobStatus status = runner.status(new RunnerJob(uid, RunKind.TEST, Map.of()));

    assertThat(status.report()).isNotNull();
    assertThat(status.report().outcome()).isEqualTo(RunnerStatus.FAILED);
  }

  @Test
  void aJobStillUnderWayOrUnknownIsRunning() {
    tux.on("GET", PROJECT + "/builds/2BldA", json(200, statusOf("2BldA", "provisioning", null)));
    tux.on("GET", PROJECT + "/tests/2TuxB", json(200, statusOf("2TuxB", "running", null)));

    assertThat(runner.status(new RunnerJob("2BldA", RunKind.BUILD, Map.of())))
        .isEqualTo(RunnerJobStatus.running("provisioning"));
    assertThat(runner.status(new RunnerJob("2TuxB", RunKind.BOOT, Map.of())))
        .isEqualTo(RunnerJobStatus.running("running"));
    assertThat(runner.status(new RunnerJob("2TuxZ", RunKind.TEST, Map.of())).finished()).isFalse();
  }

  @Test
  void aBuildWithoutDownloadUrlHasItsStatusUrlAsResults() {
    tux.on(
        "GET",
        PROJECT + "/builds/2BldB",
        json(200, "{\"uid\":\"2BldB\",\"state\":\"finished\",\"result\":\"pass\"}"));

    RunnerJobStatus status = runner.status(new RunnerJob("2BldB", RunKind.BUILD, Map.of()));

    assertThat(status.report().resultsUrl()).isEqualTo(tux.apiUrl() + PROJECT + "/builds/2BldB");
    assertThat(status.report().kind()).isEqualTo(RunKind.BUILD);
  }

  @Test
  void aStatusPollTuxSuiteDoesNotAnswerIsUnavailable() {
    tux.on("GET", PROJECT + "/tests/2TuxC", json(502, "{}"));

    assertThatThrownBy(() -> runner.status(new RunnerJob("2TuxC", RunKind.TEST, Map.of())))
        .isInstanceOf(RunnerUnavailableException.class);
  }

  @Test
  void cancelHaltsAndAJobThatEndedCountsAsHalted() {
    tux.on("POST", PROJECT + "/tests/2TuxD/cancel", json(200, "{}"));
    assertThat(runner.cancel(new RunnerJob("2TuxD", RunKind.TEST, Map.of())))
        .contains("cancel requested");
    assertThat(tux.requests("POST", PROJECT + "/tests/2TuxD/cancel").get(0).header("Authorization"))
        .isEqualTo(FakeTuxSuite.TOKEN);

    tux.on("POST", PROJECT + "/builds/2BldE/cancel", json(400, "{\"error\":\"finished\"}"));
    tux.on("GET", PROJECT + "/builds/2BldE", json(200, statusOf("2BldE", "finished", "pass")));
    assertThat(runner.cancel(new RunnerJob("2BldE", RunKind.BUILD, Map.of())))
        .contains("finished already");

    assertThat(runner.cancel(new RunnerJob("2TuxNone", RunKind.TEST, Map.of()))).contains("404");

    tux.on("POST", PROJECT + "/tests/2TuxF/cancel", json(500, "{}"));
    assertThatThrownBy(() -> runner.cancel(new RunnerJob("2TuxF", RunKind.TEST, Map.of())))
        .isInstanceOf(RunnerUnavailableException.class);
  }

  @Test
  void settingsAreCheckedPerKindAndNameTheSettingAtFault() {
    assertThat(runner.checkSettings(RunKind.TEST, Map.of()))
        .containsEntry("device", "qemu-arm64")
        .containsEntry("tests", List.of("ltp-smoke"));
    assertThat(runner.checkSettings(RunKind.BOOT, Map.of())).doesNotContainKey("tests");
    Map<String, Object> build = runner.checkSettings(RunKind.BUILD, Map.of());
    assertThat(build).containsEntry("kconfig", List.of("defconfig")).containsKey("git_repo");
    // what checkSettings answers, checked again, is itself
    assertThat(runner.checkSettings(RunKind.BUILD, build)).isEqualTo(build);

    assertThatThrownBy(() -> runner.checkSettings(RunKind.BOOT, Map.of("tests", List.of("ltp"))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("unknown setting 'tests'");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, Map.of("git_repo", "x")))
        .hasMessageContaining("git_repo");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, Map.of("kernel", "file:///etc")))
        .hasMessageContaining("kernel must be an http(s) URL");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, Map.of("device", "QEMU X")))
        .hasMessageContaining("device");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, Map.of("tests", List.of())))
        .hasMessageContaining("tests must name 1 to 50");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, Map.of("tests", 3)))
        .hasMessageContaining("tests must be a string or a list");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.BUILD, Map.of("git_ref", "a/../b")))
        .hasMessageContaining("git_ref");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.BUILD, Map.of("target_arch", "x 86")))
        .hasMessageContaining("target_arch");
    assertThatThrownBy(() -> runner.checkSettings(RunKind.BUILD, Map.of("toolchain", 1)))
        .hasMessageContaining("toolchain must be a string");
  }

  private static DispatchRequest request(
      RunKind kind, Map<String, Object> settings, boolean handedOverBefore) {
    return new DispatchRequest(
        "att-1", "run-7", 2, "exp", "rev-1", kind, CALLBACK, settings, handedOverBefore);
  }

  static String statusOf(String uid, String state, String result) {
    return TuxSuiteSigning.payload("test", uid, state, result)
        .replaceFirst("^\\{\"kind\": \"test\", \"status\": ", "")
        .replaceFirst("}$", "");
  }
}
