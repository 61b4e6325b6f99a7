package dev.gort.notifier.preference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.notifier.testing.HookServerPort;
import dev.gort.notifier.testing.SmtpSink;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET} and {@code PUT /api/v1/owners/{owner}/preferences}: the owner itself or an operator;
 * every way a body can be wrong answered with a 400 naming the field; URLs the outbound guard would
 * refuse refused when they are given, without a connection.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SmtpSink.class)
@QuarkusTestResource(HookServerPort.class)
class PreferencesResourceTest {

  @ConfigProperty(name = HookServerPort.PORT)
  int hookPort;

  private String owner;

  @BeforeEach
  void newOwner() {
    ApiTokens.callAsOperator();
    owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anOwnerWithoutPreferencesGetsEmailForEveryOutcome() {
    asOwner()
        .get(path(owner))
        .then()
        .statusCode(200)
        .body("owner", equalTo(owner))
        .body("stored", equalTo(false))
        .body("channels", hasSize(1))
        .body("channels[0].type", equalTo("email"))
        .body("channels[0].address", nullValue())
        .body(
            "outcomes",
            equalTo(List.of("PASSED", "FAILED", "TIMED_OUT", "CANCELLED", "INFRA_FAILED")));
  }

  @Test
  void anOwnerSetsItsPreferencesAndAnOperatorSeesThemWithWebhookUrlsCut() {
    String hook = "http://127.0.0.1:" + hookPort + "/ok/" + owner + "?token=s3cret";
    Map<String, Object> body =
        Map.of(
            "channels",
            List.of(
                Map.of("type", "email", "address", owner + "@example.org"),
                Map.of("type", "webhook", "url", hook)),
            "outcomes",
            List.of("TIMED_OUT", "FAILED"));

    asOwner()
        .contentType(ContentType.JSON)
        .body(body)
        .put(path(owner))
        .then()
        .statusCode(200)
        .body("stored", equalTo(true))
        .body("setBy", equalTo(owner))
        .body("channels[1].url", equalTo(hook))
        .body("outcomes", equalTo(List.of("FAILED", "TIMED_OUT")));

    asOwner()
        .get(path(owner))
        .then()
        .statusCode(200)
        .body("channels[0].address", equalTo(owner + "@example.org"))
        .body("channels[1].type", equalTo("webhook"))
        .body("channels[1].url", equalTo(hook));
    given()
        .get(path(owner))
        .then()
        .statusCode(200)
        .body("channels[1].url", equalTo("http://127.0.0.1:" + hookPort + "/…"));
    // an operator may set them too
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("channels", List.of()))
        .put(path(owner))
        .then()
        .statusCode(200)
        .body("setBy", equalTo("ops"))
        .body("channels", hasSize(0))
        .body("outcomes", hasSize(5));
  }

  @Test
  void anOwnerCannotReadOrWriteAnotherOwnersPreferences() {
    Map<String, Object> body = Map.of("channels", List.of(Map.of("type", "email")));

    ApiTokens.as("someone-else", "owner")
        .get(path(owner))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no owner '" + owner + "'"));
    ApiTokens.as("someone-else", "owner")
        .contentType(ContentType.JSON)
        .body(body)
        .put(path(owner))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asOwner().get(path(owner)).then().statusCode(200).body("stored", equalTo(false));
    ApiTokens.anonymous().get(path(owner)).then().statusCode(401);
    ApiTokens.as(owner).get(path(owner)).then().statusCode(403);
  }

  @Test
  void aWebhookToAPrivateOrUnlistedAddressIsRefusedWhenGivenAndNeverContacted() throws Exception {
    try (ServerSocket unlisted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (String url :
          List.of(
              "https://10.1.2.3/hook",
              "https://169.254.169.254/latest/meta-data/",
              "https://127.0.0.1:" + unlisted.getLocalPort() + "/hook",
              "http://127.0.0.1:" + unlisted.getLocalPort() + "/hook")) {
        refused(
                Map.of("channels", List.of(Map.of("type", "webhook", "url", url))),
                "channels[0].url")
            .body("detail", startsWith("channels[0].url is refused by the outbound guard: "));
      }
      unlisted.setSoTimeout(300);
      try {
        unlisted.accept().close();
        throw new AssertionError("the guard connected to a refused destination");
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
    }
    asOwner().get(path(owner)).then().body("stored", equalTo(false));
  }

  @Test
  void everyWayPreferencesCanBeWrongIsA400NamingTheField() {
    String ok = "http://127.0.0.1:" + hookPort + "/ok/x";
    refused(Map.of("outcomes", List.of("FAILED")), "channels")
        .body("detail", equalTo("channels is required: a list of channels (it may be empty)"));
    refused(Map.of("channels", List.of(Map.of("type", "sms"))), "channels[0].type")
        .body(
            "detail",
            equalTo("channels[0].type is 'sms', not a channel type: one of chat, email, webhook"));
    refused(
            Map.of("channels", List.of(Map.of("type", "email", "address", "alice at example"))),
            "channels[0].address")
        .body("detail", equalTo("channels[0].address is 'alice at example', not an email address"));
    refused(
        Map.of(
            "channels", List.of(Map.of("type", "email", "address", "Alice <alice@example.org>"))),
        "channels[0].address");
    refused(
        Map.of(
            "channels",
            List.of(
                Map.of(
                    "type", "chat", "url", "https://hooks.example.org/x", "address", "a@b.org"))),
        "channels[0].address");
    refused(Map.of("channels", List.of(Map.of("type", "chat"))), "channels[0].url");
    refused(
            Map.of("channels", List.of(Map.of("type", "webhook", "url", "http://93.184.216.34/x"))),
            "channels[0].url")
        .body(
            "detail",
            equalTo(
                "channels[0].url is refused by the outbound guard: plain http to 93.184.216.34:80 is not allow-listed: use https"));
    refused(
            Map.of(
                "channels",
                List.of(
                    Map.of("type", "webhook", "url", ok),
                    Map.of("type", "email", "address", "a@example.org"),
                    Map.of("type", "webhook", "url", ok))),
            "channels[2]")
        .body("detail", equalTo("channels[2] is the same channel as channels[0]"));
    refused(
        Map.of(
            "channels",
            List.of(
                Map.of("type", "email", "address", "a@example.org"),
                Map.of("type", "email", "address", "A@Example.org"))),
        "channels[1]");
    refused(
            Map.of(
                "channels",
                java.util.stream.IntStream.range(0, 11)
                    .mapToObj(i -> Map.of("type", "email", "address", "a" + i + "@example.org"))
                    .toList()),
            "channels")
        .body("detail", equalTo("channels has 11 channels; at most 10 are taken"));
    refused(Map.of("channels", List.of(), "outcomes", List.of("FAILED", "FAIL")), "outcomes[1]")
        .body(
            "detail",
            equalTo(
                "outcomes[1] is 'FAIL', not an outcome: one of PASSED, FAILED, TIMED_OUT,"
                    + " CANCELLED, INFRA_FAILED"));
    refused(Map.of("channels", List.of(), "outcomes", List.of("FAILED", "FAILED")), "outcomes[1]")
        .body("detail", equalTo("outcomes[1] is FAILED again"));
    asOwner()
        .contentType(ContentType.JSON)
        .body(Map.of("channels", List.of(), "color", "red"))
        .put(path(owner))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith("unknown field 'color'"));
    asOwner().get(path(owner)).then().body("stored", equalTo(false));
  }

  private io.restassured.response.ValidatableResponse refused(Object body, String field) {
    var answer =
        asOwner()
            .contentType(ContentType.JSON)
            .body(body)
            .put(path(owner))
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("field", equalTo(field));
    assertThat(field).isNotBlank();
    return answer;
  }

  private io.restassured.specification.RequestSpecification asOwner() {
    return ApiTokens.as(owner, "owner");
  }

  private static String path(String owner) {
    return "/api/v1/owners/" + owner + "/preferences";
  }
}
