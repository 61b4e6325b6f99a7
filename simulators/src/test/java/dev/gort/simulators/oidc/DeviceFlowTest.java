package dev.gort.simulators.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.oidc.testing.SignedJwt;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device authorization grant (RFC 8628) over HTTP, on a clock the test moves. */
@QuarkusTest
@TestProfile(MovableClockProfile.class)
@WithTestResource(SmtpPortResource.class)
class DeviceFlowTest {

  static final String REALM = "/realms/gort";
  static final String DEVICE = REALM + "/protocol/openid-connect/auth/device";
  static final String TOKEN = REALM + "/protocol/openid-connect/token";
  static final String PAGE = REALM + "/device";
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  @Inject MovableClock clock;

  @Test
  void deviceAuthorizationAnswersAsRfc8628AndKeycloakDo() {
    String issuer = issuer();

    Response response =
        form(Map.of("client_id", "gort-cli", "scope", "openid")).post(DEVICE).thenReturn();

    response
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("device_code", matchesPattern("[A-Za-z0-9_-]{43}"))
        .body("user_code", matchesPattern("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"))
        .body("verification_uri", equalTo(issuer + "/device"))
        .body("expires_in", equalTo(600))
        .body("interval", equalTo(5));
    assertThat(response.<String>path("verification_uri_complete"))
        .isEqualTo(issuer + "/device?user_code=" + response.path("user_code"));
  }

  @Test
  void unknownClientIsInvalidClient() {
    oauthError(form(Map.of("client_id", "nobody")).post(DEVICE).then(), 401, "invalid_client");
    oauthError(form(Map.of("scope", "openid")).post(DEVICE).then(), 400, "invalid_client");
  }

  @Test
  void aClientWithoutTheDeviceGrantIsUnauthorized() {
    oauthError(
        form(Map.of("client_id", "gort-automation", "client_secret", "test-automation-secret"))
            .post(DEVICE)
            .then(),
        400,
        "unauthorized_client");
    oauthError(
        form(Map.of("client_id", "gort-automation", "client_secret", "wrong")).post(DEVICE).then(),
        401,
        "unauthorized_client");
  }

  @Test
  void pendingUntilApprovedThenTheUsersTokenOnce() {
    JsonNode started = start();
    String deviceCode = started.path("device_code").asText();

    clock.advance(Duration.ofSeconds(5));
    oauthError(poll(deviceCode), 400, "authorization_pending");
    approve(started.path("user_code").asText(), "alice", "alice-test-password")
        .statusCode(200)
        .body(containsString("Device approved"))
        .body(containsString("continues by itself"));
    clock.advance(Duration.ofSeconds(5));

    Response token = poll(deviceCode).extract().response();
    token
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(3600))
        .body("scope", equalTo("profile email"));
    SignedJwt jwt = SignedJwt.parse(token.path("access_token"));
    assertThat(jwt.verifiesWith(jwks())).isTrue();
    assertThat(jwt.claims().path("preferred_username").asText()).isEqualTo("alice");
    assertThat(jwt.claims().path("email").asText()).isEqualTo("alice@example.com");
    assertThat(jwt.claims().path("azp").asText()).isEqualTo("gort-cli");
    assertThat(jwt.claims().path("realm_access").path("roles").get(0).asText()).isEqualTo("owner");

    clock.advance(Duration.ofSeconds(5));
    oauthError(poll(deviceCode), 400, "invalid_grant");
  }

  @Test
  void pollingFasterThanTheIntervalSlowsDownByFiveSeconds() {
    String deviceCode = start().path("device_code").asText();

    clock.advance(Duration.ofSeconds(4));
    oauthError(poll(deviceCode), 400, "slow_down");
    clock.advance(Duration.ofSeconds(9));
    oauthError(poll(deviceCode), 400, "slow_down");
    clock.advance(Duration.ofSeconds(15));
    oauthError(poll(deviceCode), 400, "authorization_pending");
  }

  @Test
  void aDeniedCodeIsAccessDenied() {
    JsonNode started = start();

    given()
        .contentType(ContentType.URLENC)
        .formParams(
            Map.of(
                "user_code", started.path("user_code").asText(),
                "username", "bob",
                "password", "bob-test-password",
                "action", "deny"))
        .post(PAGE)
        .then()
        .statusCode(200)
        .body(containsString("Device denied"));
    clock.advance(Duration.ofSeconds(5));

    oauthError(poll(started.path("device_code").asText()), 400, "access_denied");
  }

  @Test
  void anExpiredCodeIsExpiredTokenAndCannotBeApproved() {
    JsonNode started = start();

    clock.advance(Duration.ofSeconds(600));

    approve(started.path("user_code").asText(), "alice", "alice-test-password")
        .statusCode(400)
        .body(containsString("unknown, has expired or was used already"));
    oauthError(poll(started.path("device_code").asText()), 400, "expired_token");
  }

  @Test
  void aDeviceCodeIsPolledOnlyByItsClientWithTheGrantEnabled() {
    oauthError(poll("never-issued"), 400, "invalid_grant");
    oauthError(
        form(Map.of("grant_type", DEVICE_GRANT, "client_id", "gort-cli")).post(TOKEN).then(),
        400,
        "invalid_request");
    oauthError(
        form(Map.of(
                "grant_type",
                DEVICE_GRANT,
                "client_id",
                "gort-automation",
                "client_secret",
                "test-automation-secret",
                "device_code",
                start().path("device_code").asText()))
            .post(TOKEN)
            .then(),
        400,
        "unauthorized_client");
  }

  @Test
  void thePageShowsTheFormWithTheCodeFilledInEscapedAndNoScript() {
    given()
        .queryParam("user_code", "\"><script>alert(1)</script>")
        .get(PAGE)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .body(containsString("<form method=\"post\" action=\"" + issuer() + "/device\">"))
        .body(containsString("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        .body(not(containsString("<script")))
        .body(not(containsString("style=")));
    given()
        .queryParam("user_code", "WDJB-MJHT")
        .get(PAGE)
        .then()
        .statusCode(200)
        .body(containsString("name=\"user_code\" value=\"WDJB-MJHT\""));
  }

  @Test
  void aWrongPasswordOnThePageIsRefusedAndTheCodeStaysPending() {
    JsonNode started = start();

    approve(started.path("user_code").asText(), "alice", "not-alices-password")
        .statusCode(403)
        .body(containsString("Invalid username or password."))
        .body(not(containsString("not-alices-password")));
    clock.advance(Duration.ofSeconds(5));

    oauthError(poll(started.path("device_code").asText()), 400, "authorization_pending");
  }

  @Test
  void anUnknownCodeOnThePageSaysSo() {
    approve("BBBB-BBBB", "alice", "alice-test-password")
        .statusCode(400)
        .body(containsString("The code is unknown"));
    approve("<b>", "alice", "alice-test-password")
        .statusCode(400)
        .body(containsString("value=\"&lt;b&gt;\""));
  }

  @Test
  void thePageChangesNothingWithoutAnAction() {
    JsonNode started = start();

    given()
        .contentType(ContentType.URLENC)
        .formParams(
            Map.of(
                "user_code", started.path("user_code").asText(),
                "username", "alice",
                "password", "alice-test-password"))
        .post(PAGE)
        .then()
        .statusCode(400)
        .body(containsString("Choose Approve or Deny."));
    clock.advance(Duration.ofSeconds(5));

    oauthError(poll(started.path("device_code").asText()), 400, "authorization_pending");
  }

  static JsonNode start() {
    return form(Map.of("client_id", "gort-cli"))
        .post(DEVICE)
        .then()
        .statusCode(200)
        .extract()
        .as(JsonNode.class);
  }

  static ValidatableResponse approve(String userCode, String username, String password) {
    return given()
        .contentType(ContentType.URLENC)
        .formParams(
            Map.of(
                "user_code", userCode,
                "username", username,
                "password", password,
                "action", "approve"))
        .post(PAGE)
        .then();
  }

  private static ValidatableResponse poll(String deviceCode) {
    return form(Map.of(
            "grant_type", DEVICE_GRANT, "client_id", "gort-cli", "device_code", deviceCode))
        .post(TOKEN)
        .then();
  }

  private static RequestSpecification form(Map<String, String> parameters) {
    return given().contentType(ContentType.URLENC).formParams(parameters);
  }

  private static void oauthError(ValidatableResponse response, int status, String error) {
    response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("error", equalTo(error));
  }

  static String issuer() {
    return given().get(REALM + "/.well-known/openid-configuration").then().extract().path("issuer");
  }

  private static String jwks() {
    return given().get(REALM + "/protocol/openid-connect/certs").then().extract().asString();
  }
}
