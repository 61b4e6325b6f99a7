package dev.gort.gateway.runner.tuxsuite;

import static dev.gort.gateway.runner.tuxsuite.FakeTuxSuite.PROJECT;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.asJsonString;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.payload;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.event.RunnerStatus;
import dev.gort.common.web.ProblemException;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerReport;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** verify() on callbacks shaped and signed as TuxSuite's are (ECDSA computed here). */
class TuxSuiteCallbackTest {

  private FakeTuxSuite tux;
  private TuxSuiteRunner runner;

  @BeforeEach
  void start() {
    tux = FakeTuxSuite.start();
    tux.key(TuxSuiteSigning.generate());
    runner = new TuxSuiteRunner(TuxSuiteConfigValues.of(tux.apiUrl()), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    tux.close();
  }

  @ParameterizedTest
  @CsvSource({
    "pass, PASSED, true",
    "fail, FAILED, true",
    "error, INFRA_FAILURE, false",
    "canceled, CANCELLED, false",
    "unknown, INFRA_FAILURE, false",
    "some-future-result, INFRA_FAILURE, false"
  })
  void aStringBodyIsVerifiedOverItsContentAndReportsTheResult(
      String result, RunnerStatus outcome, boolean results) {
    String document = payload("test", "2TuxA", "finished", result);

    RunnerReport report = runner.verify(request(asJsonString(document), sign(tux.key(), document)));

    assertThat(report.jobId()).isEqualTo("2TuxA");
    assertThat(report.kind()).isNull();
    assertThat(report.outcome()).isEqualTo(outcome);
    assertThat(report.detail()).isEqualTo("result: " + result + ", duration 117 s");
    assertThat(report.resultsUrl())
        .isEqualTo(results ? "https://storage.tuxsuite.com/public/gort/lab/tests/2TuxA/" : null);
  }

  @Test
  void anErrorThatSaysItTimedOutIsATimeout() {
    for (String said :
        List.of(
            "\"status_message\": \"the job exceeded its timeout (simulated)\"",
            "\"retries_messages\": [\"device lost\", \"Test timed out\"]")) {
      String document =
          payload("test", "2TuxT", "finished", "error").replace("\"uid\":", said + ", \"uid\":");

      RunnerReport report =
          runner.verify(request(asJsonString(document), sign(tux.key(), document)));

      assertThat(report.outcome()).as(said).isEqualTo(RunnerStatus.TIMEOUT);
    }
    String other =
        payload("test", "2TuxU", "finished", "error")
            .replace("\"uid\":", "\"status_message\": \"no such device\", \"uid\":");
    assertThat(runner.verify(request(asJsonString(other), sign(tux.key(), other))).outcome())
        .isEqualTo(RunnerStatus.INFRA_FAILURE);
  }

  @Test
  void anObjectBodyIsVerifiedOverItsRawBytes() {
    String document =
        payload("build", "2BldA", "finished", "pass")
            .replace(
                "\"download_url\": \"https://storage.tuxsuite.com/public/gort/lab/tests/2BldA/\", ",
                "");

    RunnerReport report = runner.verify(request(document, sign(tux.key(), document)));

    assertThat(report.kind()).isEqualTo(RunKind.BUILD);
    assertThat(report.outcome()).isEqualTo(RunnerStatus.PASSED);
    assertThat(report.resultsUrl()).isEqualTo(tux.apiUrl() + PROJECT + "/builds/2BldA");
  }

  @Test
  void aStandardBase64SignatureIsAcceptedToo() {
    String document = payload("test", "2TuxB", "finished", "pass");
    String urlSafe = sign(tux.key(), document);
    String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(urlSafe));

    assertThat(runner.verify(request(asJsonString(document), standard)).jobId()).isEqualTo("2TuxB");
  }

  @Test
  void aJobNotFinishedIsProgress() {
    String document = payload("test", "2TuxC", "running", null);

    RunnerReport report = runner.verify(request(asJsonString(document), sign(tux.key(), document)));

    assertThat(report.isFinished()).isFalse();
    assertThat(report.isIgnored()).isFalse();
    assertThat(report.detail()).isEqualTo("state: running");
  }

  @Test
  void theKeyIsFetchedOnceAndCached() {
    for (int i = 0; i < 3; i++) {
      String document = payload("test", "2Tux" + i, "finished", "pass");
      runner.verify(request(asJsonString(document), sign(tux.key(), document)));
    }

    assertThat(tux.requests("GET", PROJECT + "/keys")).hasSize(1);
  }

  @Test
  void aRotatedKeyIsFetchedAgainOnceWhenASignatureFails() {
    String before = payload("test", "2TuxD", "finished", "pass");
    runner.verify(request(asJsonString(before), sign(tux.key(), before)));
    KeyPair rotated = TuxSuiteSigning.generate();
    tux.key(rotated);

    String after = payload("test", "2TuxE", "finished", "fail");
    RunnerReport report = runner.verify(request(asJsonString(after), sign(rotated, after)));

    assertThat(report.outcome()).isEqualTo(RunnerStatus.FAILED);
    assertThat(tux.requests("GET", PROJECT + "/keys")).hasSize(2);
  }

  @Test
  void aWrongSignatureIsRefusedAfterOneFetchAgain() {
    String document = payload("test", "2TuxF", "finished", "pass");
    String forged = sign(TuxSuiteSigning.generate(), document);

    assertThatThrownBy(() -> runner.verify(request(asJsonString(document), forged)))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(tux.requests("GET", PROJECT + "/keys")).hasSize(2);
  }

  @Test
  void forgedCallbacksFetchTheKeyAtMostOncePerInterval() {
    TuxSuiteRunner paced =
        new TuxSuiteRunner(
            TuxSuiteConfigValues.of(tux.apiUrl()).withRefetchInterval(Duration.ofMinutes(5)),
            Clock.systemUTC());
    String document = payload("test", "2TuxG", "finished", "pass");
    String forged = sign(TuxSuiteSigning.generate(), document);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> paced.verify(request(asJsonString(document), forged)))
          .isInstanceOf(CallbackRejectedException.class);
    }

    assertThat(tux.requests("GET", PROJECT + "/keys")).hasSize(1);
  }

  @Test
  void aSignatureOverTheDocumentDoesNotHoldForTheStringItIsIn() {
    String document = payload("test", "2TuxH", "finished", "pass");
    String overTheString = sign(tux.key(), asJsonString(document));

    assertThatThrownBy(() -> runner.verify(request(asJsonString(document), overTheString)))
        .isInstanceOf(CallbackRejectedException.class)
        .hasMessageContaining("does not hold");
  }

  @Test
  void missingOrUnreadableSignaturesAreRefused() {
    String body = asJsonString(payload("test", "2TuxI", "finished", "pass"));

    assertThatThrownBy(() -> runner.verify(request(body, null)))
        .hasMessageContaining("without x-tux-payload-signature");
    assertThatThrownBy(() -> runner.verify(request(body, "not*base64")))
        .hasMessageContaining("not base64url");
    assertThatThrownBy(() -> runner.verify(request(body, "AAAA")))
        .hasMessageContaining("does not hold");
  }

  @Test
  void aKeyThatCannotBeFetchedIsAnOutageNotABadSignature() {
    tux.keysDown(true);
    String document = payload("test", "2TuxJ", "finished", "pass");

    assertThatThrownBy(
            () -> runner.verify(request(asJsonString(document), sign(tux.key(), document))))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));

    tux.keysDown(false);
    assertThat(runner.verify(request(asJsonString(document), sign(tux.key(), document))).jobId())
        .isEqualTo("2TuxJ");
  }

  @Test
  void signedButMalformedCallbacksAreRefusedAs400() {
    for (String document :
        List.of(
            "not json",
            "[1, 2]",
            "{\"kind\": \"test\"}",
            "{\"status\": {\"uid\": \"x\"}}",
            "{\"kind\": \"test\", \"status\": {\"state\": \"finished\", \"result\": \"pass\"}}",
            "{\"kind\": \"test\", \"status\": {\"uid\": \"u1\", \"result\": \"pass\"}}",
            "{\"kind\": \"test\", \"status\": {\"uid\": \"u1\", \"state\": \"finished\"}}",
            "{\"kind\": \"oebuild\", \"status\": {\"uid\": \"u1\", \"state\": \"finished\"}}")) {
      assertThatThrownBy(
              () -> runner.verify(request(asJsonString(document), sign(tux.key(), document))))
          .as(document)
          .isInstanceOfSatisfying(
              CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void anUnconfiguredRunnerRefusesEveryCallback() {
    TuxSuiteRunner bare =
        new TuxSuiteRunner(TuxSuiteConfigValues.of(tux.apiUrl()).withoutToken(), Clock.systemUTC());
    String document = payload("test", "2TuxK", "finished", "pass");

    assertThatThrownBy(
            () -> bare.verify(request(asJsonString(document), sign(tux.key(), document))))
        .isInstanceOfSatisfying(
            CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  private static CallbackRequest request(String body, String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    if (signature != null) {
      headers.put("X-Tux-Payload-Signature", List.of(signature));
    }
    return new CallbackRequest(headers, body.getBytes(StandardCharsets.UTF_8), "att-1", "tok");
  }
}
