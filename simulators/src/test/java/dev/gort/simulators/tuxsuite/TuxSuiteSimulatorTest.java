package dev.gort.simulators.tuxsuite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated TuxSuite: TuxSuite's API and signed callbacks, driven by the scenario words. */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class TuxSuiteSimulatorTest {

  private static final String TOKEN = "test-tuxsuite-token";
  private static final String PROJECT = "/tuxsuite/v1/groups/gort/projects/lab";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TuxCallbackReceiver receiver;
  private String experiment;

  @BeforeEach
  void start() {
    receiver = TuxCallbackReceiver.start();
    experiment = "tux-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aPassingTestCallsBackWithTheSignedDocumentAsAJsonString() throws Exception {
    String uid = submitTest(1, List.of("ltp-smoke")).statusCode(201).extract().path("uid");

    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    TuxCallbackReceiver.Received callback = receiver.received().get(0);
    assertThat(callback.path()).isEqualTo("/api/v1/callbacks/tuxsuite/test");
    assertThat(callback.query()).isEqualTo("attempt=att-1&token=tok-att-1");
    assertThat(callback.header("X-Gort-Experiment")).isEqualTo(experiment);
    assertThat(callback.header("X-Gort-Attempt")).isEqualTo("1");
    assertThat(callback.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(callback.body());
    assertThat(body.isTextual()).isTrue();
    String document = body.asText();
    assertThat(verifies(currentKey(), document, callback.header("x-tux-payload-signature")))
        .isTrue();
    JsonNode payload = JSON.readTree(document);
    assertThat(payload.get("kind").asText()).isEqualTo("test");
    JsonNode status = payload.get("status");
    assertThat(status.get("uid").asText()).isEqualTo(uid);
    assertThat(status.get("project").asText()).isEqualTo("gort/lab");
    assertThat(status.get("state").asText()).isEqualTo("finished");
    assertThat(status.get("result").asText()).isEqualTo("pass");
    assertThat(status.get("results").get("ltp-smoke").asText()).isEqualTo("pass");
    assertThat(status.has("callback_headers")).isFalse();
    String download = status.get("download_url").asText();
    assertThat(download).endsWith("/tuxsuite/storage/gort/lab/tests/" + uid + "/");
    given()
        .get(java.net.URI.create(download).getPath())
        .then()
        .statusCode(200)
        .body("lava.login-action.result", equalTo("pass"))
        .body("'0_smoke'.smoke.result", equalTo("pass"))
        .body("'0_smoke'.enrollment.result", equalTo("pass"));

    given()
        .queryParam("experiment", experiment)
        .get("/sim/runners/tuxsuite/jobs")
        .then()
        .statusCode(200)
        .body("value", hasSize(1))
        .body("value[0].jobId", equalTo(uid))
        .body("value[0].project", equalTo("gort/lab"))
        .body("value[0].kind", equalTo("test"))
        .body("value[0].callbackUrl", equalTo(receiver.url("test", "att-1")))
        .body("value[0].callbackStatus", equalTo("delivered 202"));
  }

  @Test
  void eachAttemptEndsAsItsScenarioWordSays() throws Exception {
    scenario("fail", "infra-failure", "cancelled", "report-timeout", "bad-results");
    for (int attempt = 1; attempt <= 5; attempt++) {
      submitTest(attempt, List.of("ltp-smoke")).statusCode(201);
      int expected = attempt;
      await().atMost(WAIT).until(() -> receiver.received().size() == expected);
    }

    List<String> results =
        receiver.received().stream()
            .map(r -> payload(r).path("status").path("result").asText())
            .toList();
    assertThat(results).containsExactly("fail", "error", "canceled", "error", "pass");
    String lastUid = payload(receiver.received().get(4)).path("status").path("uid").asText();
    given()
        .get("/tuxsuite/storage/gort/lab/tests/" + lastUid)
        .then()
        .statusCode(200)
        .body(containsString("not json"));
  }

  @Test
  void aLostWebhookFinishesWithoutCallingBackAndItsStatusSaysSo() {
    scenario("lost-webhook");
    String uid = submitTest(1, List.of("boot")).statusCode(201).extract().path("uid");

    await()
        .atMost(WAIT)
        .until(() -> "finished".equals(status(uid).statusCode(200).extract().path("state")));
    status(uid).body("result", equalTo("pass"));
    assertThat(receiver.received()).isEmpty();
    given()
        .queryParam("experiment", experiment)
        .get("/sim/runners/tuxsuite/jobs")
        .then()
        .body("value[0].kind", equalTo("boot"))
        .body("value[0].callbackStatus", equalTo("none"));
  }

  @Test
  void aTimeoutRunsUntilCancelledAndTheCancelCallsBack() {
    scenario("timeout");
    String uid = submitTest(1, List.of("ltp-smoke")).statusCode(201).extract().path("uid");
    await().atMost(WAIT).until(() -> "running".equals(status(uid).extract().path("state")));

    cancel("tests", uid).statusCode(200).body("result", equalTo("canceled"));
    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    assertThat(payload(receiver.received().get(0)).path("status").path("result").asText())
        .isEqualTo("canceled");
    cancel("tests", uid).statusCode(400).body("error", containsString("finished"));
  }

  @Test
  void anUnresponsiveJobsStatusAndCancelAreNotAnswered() {
    scenario("unresponsive");
    String uid = submitTest(1, List.of("ltp-smoke")).statusCode(201).extract().path("uid");

    status(uid).statusCode(503);
    cancel("tests", uid).statusCode(503);
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void aBuildIsAPlanWhoseListNamesItsUidAndCallsBackAsBuild() {
    String body =
        "{\"builds\": [{\"git_repo\": \"https://git.kernel.org/linux.git\", \"git_ref\": \"master\","
            + " \"target_arch\": \"x86_64\", \"toolchain\": \"gcc-13\", \"kconfig\": [\"defconfig\"],"
            + " \"callback\": \""
            + receiver.url("build", "att-b")
            + "\", \"callback_headers\": {\"X-Gort-Experiment\": \""
            + experiment
            + "\"}}], \"patches\": {}}";
    String uid =
        given()
            .header("Authorization", TOKEN)
            .contentType("application/json")
            .body(body)
            .post(PROJECT + "/builds")
            .then()
            .statusCode(201)
            .body("[0].state", equalTo("provisioning"))
            .extract()
            .path("[0].uid");

    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    JsonNode payload = payload(receiver.received().get(0));
    assertThat(payload.get("kind").asText()).isEqualTo("build");
    assertThat(payload.path("status").path("uid").asText()).isEqualTo(uid);
    given()
        .header("Authorization", TOKEN)
        .get(PROJECT + "/builds/" + uid)
        .then()
        .statusCode(200)
        .body("result", equalTo("pass"));
    given()
        .header("Authorization", TOKEN)
        .queryParam("limit", 100)
        .get(PROJECT + "/builds")
        .then()
        .statusCode(200)
        .body(
            "results.find { it.uid == '" + uid + "' }.callback",
            equalTo(receiver.url("build", "att-b")));
  }

  @Test
  void theTokenIsRequiredAsItIsButTheKeysArePublic() {
    given()
        .contentType("application/json")
        .body("{}")
        .post(PROJECT + "/tests")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + TOKEN)
        .get(PROJECT + "/tests")
        .then()
        .statusCode(401)
        .body("error", containsString("token"));
    given()
        .get(PROJECT + "/keys")
        .then()
        .statusCode(200)
        .body("ssh.pub", containsString("ecdsa-sha2-nistp256 "));
  }

  @Test
  void submissionsThatAreNotTuxSuitesOrCallBackElsewhereAreRefused() {
    given()
        .header("Authorization", TOKEN)
        .contentType("application/json")
        .body("{\"device\": \"qemu-x86_64\"}")
        .post(PROJECT + "/tests")
        .then()
        .statusCode(400)
        .body("error", containsString("kernel"));
    given()
        .header("Authorization", TOKEN)
        .contentType("application/json")
        .body(
            "{\"device\": \"qemu-x86_64\", \"kernel\": \"https://x.test/bzImage\","
                + " \"callback\": \"http://example.org/steal\"}")
        .post(PROJECT + "/tests")
        .then()
        .statusCode(400)
        .body("error", containsString("gateway"));
  }

  @Test
  void aRotatedKeySignsTheNextCallbacksAndIsServedAtKeys() throws Exception {
    ECPublicKey before = currentKey();
    String rotated =
        given()
            .urlEncodingEnabled(false)
            .post("/sim/runners/tuxsuite/keys:rotate")
            .then()
            .statusCode(200)
            .extract()
            .path("ssh.pub");
    ECPublicKey after = currentKey();
    assertThat(after).isNotEqualTo(before).isEqualTo(publicKey(rotated));

    submitTest(1, List.of("ltp-smoke")).statusCode(201);
    await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    TuxCallbackReceiver.Received callback = receiver.received().get(0);
    String document = JSON.readTree(callback.body()).asText();
    assertThat(verifies(after, document, callback.header("x-tux-payload-signature"))).isTrue();
    assertThat(verifies(before, document, callback.header("x-tux-payload-signature"))).isFalse();
    given().urlEncodingEnabled(false).post("/sim/runners/sim/keys:rotate").then().statusCode(404);
  }

  @Test
  void aGatewayThatCannotCheckTheKeyNowGetsTheCallbackAgain() {
    receiver.answering(503);
    submitTest(1, List.of("ltp-smoke")).statusCode(201);

    await().atMost(WAIT).until(() -> receiver.received().size() == 2);
    assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
  }

  private ValidatableResponse submitTest(int attempt, List<String> tests) {
    Map<String, Object> body =
        Map.of(
            "device",
            "qemu-x86_64",
            "kernel",
            "https://storage.tuxboot.com/x86_64/bzImage",
            "tests",
            tests,
            "callback",
            receiver.url(tests.equals(List.of("boot")) ? "boot" : "test", "att-" + attempt),
            "callback_headers",
            Map.of(
                "X-Gort-Experiment",
                experiment,
                "X-Gort-Attempt",
                Integer.toString(attempt),
                "X-Gort-Run",
                "run-1"));
    return given()
        .header("Authorization", TOKEN)
        .contentType("application/json")
        .body(body)
        .post(PROJECT + "/tests")
        .then();
  }

  private ValidatableResponse status(String uid) {
    return given().header("Authorization", TOKEN).get(PROJECT + "/tests/" + uid).then();
  }

  private ValidatableResponse cancel(String kind, String uid) {
    return given()
        .header("Authorization", TOKEN)
        .post(PROJECT + "/" + kind + "/" + uid + "/cancel")
        .then();
  }

  private void scenario(String... words) {
    given()
        .contentType("application/json")
        .body(Map.of("attempts", List.of(words), "delayMs", 100))
        .put("/sim/runners/tuxsuite/scenarios/" + experiment)
        .then()
        .statusCode(200);
  }

  private static JsonNode payload(TuxCallbackReceiver.Received callback) {
    try {
      return JSON.readTree(JSON.readTree(callback.body()).asText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ECPublicKey currentKey() {
    return publicKey(
        given().get(PROJECT + "/keys").then().statusCode(200).extract().path("ssh.pub"));
  }

  static boolean verifies(ECPublicKey key, String document, String signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(document.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getUrlDecoder().decode(signature));
  }

  /** An OpenSSH ecdsa-sha2-nistp256 line's key, decoded here independently of the simulator. */
  static ECPublicKey publicKey(String line) {
    try (DataInputStream in =
        new DataInputStream(
            new ByteArrayInputStream(Base64.getDecoder().decode(line.split(" ")[1])))) {
      for (int i = 0; i < 2; i++) {
        in.readNBytes(in.readInt());
      }
      byte[] q = in.readNBytes(in.readInt());
      ECPoint point =
          new ECPoint(
              new BigInteger(1, Arrays.copyOfRange(q, 1, 33)),
              new BigInteger(1, Arrays.copyOfRange(q, 33, 65)));
      java.security.AlgorithmParameters parameters =
          java.security.AlgorithmParameters.getInstance("EC");
      parameters.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(
                  new ECPublicKeySpec(
                      point,
                      parameters.getParameterSpec(java.security.spec.ECParameterSpec.class)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
