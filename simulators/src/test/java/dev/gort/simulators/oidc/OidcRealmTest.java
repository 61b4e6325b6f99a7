package dev.gort.simulators.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.oidc.testing.SignedJwt;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class OidcRealmTest {

  private static final String REALM = "/realms/gort";
  private static final String TOKEN = REALM + "/protocol/openid-connect/token";

  @Test
  void discoveryNamesTheIssuerAndKeycloaksEndpoints() {
    String issuer = issuer();

    assertThat(issuer).endsWith("/realms/gort");
    given()
        .get(REALM + "/.well-known/openid-configuration")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("jwks_uri", equalTo(issuer + "/protocol/openid-connect/certs"))
        .body("token_endpoint", equalTo(issuer + "/protocol/openid-connect/token"))
        .body(
            "device_authorization_endpoint",
            equalTo(issuer + "/protocol/openid-connect/auth/device"))
        .body("authorization_endpoint", equalTo(issuer + "/protocol/openid-connect/auth"))
        .body("end_session_endpoint", equalTo(issuer + "/protocol/openid-connect/logout"))
        .body("response_types_supported", equalTo(List.of("code")))
        .body("code_challenge_methods_supported", equalTo(List.of("S256")))
        .body("scopes_supported", hasItem("openid"))
        .body(
            "grant_types_supported",
            equalTo(
                List.of(
                    "authorization_code",
                    "refresh_token",
                    "password",
                    "client_credentials",
                    "urn:ietf:params:oauth:grant-type:device_code")))
        .body("id_token_signing_alg_values_supported", equalTo(List.of("RS256")))
        .body(
            "token_endpoint_auth_methods_supported",
            equalTo(List.of("client_secret_basic", "client_secret_post")))
        .body("subject_types_supported", equalTo(List.of("public")));
  }

  @Test
  void jwksHoldsOneRs256SigningKey() {
    given()
        .get(REALM + "/protocol/openid-connect/certs")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("keys.size()", equalTo(1))
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].alg", equalTo("RS256"))
        .body("keys[0].use", equalTo("sig"))
        .body("keys[0].e", equalTo("AQAB"));
  }

  @ParameterizedTest
  @CsvSource({
    "alice, alice-test-password, owner, alice@example.com",
    "bob, bob-test-password, owner, bob@example.com",
    "ops, ops-test-password, operator, ",
    "admin, admin-test-password, admin, "
  })
  void passwordGrantGivesAVerifiableTokenWithTheUsersRoles(
      String username, String password, String role, String email) {
    Response response =
        form(Map.of(
                "grant_type",
                "password",
                "client_id",
                "gort-cli",
                "username",
                username,
                "password",
                password))
            .post(TOKEN);

    response
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(3600))
        .body("refresh_expires_in", equalTo(0))
        .body("not-before-policy", equalTo(0))
        .body("scope", equalTo("profile email"));
    SignedJwt token = SignedJwt.parse(response.path("access_token"));
    assertThat(token.verifiesWith(jwks())).isTrue();
    JsonNode claims = token.claims();
    assertThat(claims.path("iss").asText()).isEqualTo(issuer());
    assertThat(claims.path("aud").asText()).isEqualTo("gort");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    assertThat(claims.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    assertThat(claims.path("typ").asText()).isEqualTo("Bearer");
    assertThat(claims.path("azp").asText()).isEqualTo("gort-cli");
    assertThat(claims.path("preferred_username").asText()).isEqualTo(username);
    assertThat(claims.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly(role);
    if (email == null) {
      assertThat(claims.has("email")).isFalse();
    } else {
      assertThat(claims.path("email").asText()).isEqualTo(email);
    }
  }

  @Test
  void userLogsInByEmailToo() {
    String token =
        form(Map.of(
                "grant_type", "password",
                "client_id", "gort-cli",
                "username", "bob@example.com",
                "password", "bob-test-password"))
            .post(TOKEN)
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");

    assertThat(SignedJwt.parse(token).claims().path("preferred_username").asText())
        .isEqualTo("bob");
  }

  @Test
  void wrongPasswordIsInvalidGrant() {
    oauthError(
        password("alice", "not-alices-password"), 401, "invalid_grant", "Invalid user credentials");
  }

  @Test
  void unknownUserGetsTheSameAnswerAsAWrongPassword() {
    oauthError(password("mallory", "anything"), 401, "invalid_grant", "Invalid user credentials");
  }

  @Test
  void userWithoutAPasswordNeverGetsAToken() {
    oauthError(password("nopass", ""), 401, "invalid_grant", "Invalid user credentials");
    oauthError(password("nopass", "anything"), 401, "invalid_grant", "Invalid user credentials");
    oauthError(
        form(Map.of("grant_type", "password", "client_id", "gort-cli", "username", "nopass")),
        401,
        "invalid_grant",
        "Invalid user credentials");
  }

  @Test
  void missingUsernameIsInvalidRequest() {
    oauthError(
        form(Map.of("grant_type", "password", "client_id", "gort-cli", "password", "x")),
        401,
        "invalid_request",
        "Missing parameter: username");
  }

  @Test
  void unknownClientIsInvalidClient() {
    oauthError(
        form(
            Map.of(
                "grant_type", "password",
                "client_id", "no-such-client",
                "username", "alice",
                "password", "alice-test-password")),
        401,
        "invalid_client",
        "Invalid client or Invalid client credentials");
  }

  @Test
  void missingClientIdIsInvalidClient() {
    oauthError(
        form(Map.of("grant_type", "client_credentials")),
        400,
        "invalid_client",
        "Missing client_id parameter");
  }

  @Test
  void wrongClientSecretIsUnauthorizedClient() {
    oauthError(
        form(
            Map.of(
                "grant_type", "client_credentials",
                "client_id", "gort-automation",
                "client_secret", "wrong")),
        401,
        "unauthorized_client",
        "Invalid client or Invalid client credentials");
    oauthError(
        form(Map.of("grant_type", "client_credentials"))
            .auth()
            .preemptive()
            .basic("gort-automation", "wrong"),
        401,
        "unauthorized_client",
        "Invalid client or Invalid client credentials");
    oauthError(
        form(Map.of("grant_type", "client_credentials", "client_id", "gort-automation")),
        401,
        "unauthorized_client",
        "Invalid client or Invalid client credentials");
  }

  @Test
  void confidentialClientWithoutASecretNeverGetsAToken() {
    oauthError(
        form(
            Map.of(
                "grant_type", "client_credentials", "client_id", "no-secret", "client_secret", "")),
        401,
        "unauthorized_client",
        "Invalid client or Invalid client credentials");
    oauthError(
        form(Map.of("grant_type", "client_credentials")).auth().preemptive().basic("no-secret", ""),
        401,
        "unauthorized_client",
        "Invalid client or Invalid client credentials");
  }

  @Test
  void missingGrantTypeIsInvalidRequest() {
    oauthError(
        form(Map.of("client_id", "gort-cli")),
        400,
        "invalid_request",
        "Missing form parameter: grant_type");
  }

  @Test
  void unsupportedGrantTypeIsUnsupportedGrantType() {
    oauthError(
        form(Map.of("grant_type", "urn:example:magic", "client_id", "gort-cli")),
        400,
        "unsupported_grant_type",
        "Unsupported grant_type");
  }

  @Test
  void duplicatedParameterIsInvalidRequest() {
    oauthError(
        given()
            .contentType(ContentType.URLENC)
            .formParam("grant_type", "password")
            .formParam("client_id", "gort-cli")
            .formParam("username", "alice", "bob")
            .formParam("password", "alice-test-password"),
        400,
        "invalid_request",
        "duplicated parameter");
  }

  @Test
  void publicClientHasNoServiceAccount() {
    oauthError(
        form(Map.of("grant_type", "client_credentials", "client_id", "gort-cli")),
        401,
        "unauthorized_client",
        "Public client not allowed to retrieve service account");
  }

  @Test
  void confidentialClientMayNotUseThePasswordGrant() {
    oauthError(
        form(
            Map.of(
                "grant_type", "password",
                "client_id", "gort-automation",
                "client_secret", "test-automation-secret",
                "username", "alice",
                "password", "alice-test-password")),
        400,
        "unauthorized_client",
        "Client not allowed for direct access grants");
  }

  @Test
  void clientCredentialsInTheFormGiveAServiceAccountToken() {
    assertServiceAccountToken(
        form(
            Map.of(
                "grant_type", "client_credentials",
                "client_id", "gort-automation",
                "client_secret", "test-automation-secret")));
  }

  @Test
  void clientCredentialsInBasicAuthGiveAServiceAccountToken() {
    assertServiceAccountToken(
        form(Map.of("grant_type", "client_credentials"))
            .auth()
            .preemptive()
            .basic("gort-automation", "test-automation-secret"));
  }

  @Test
  void authorizationThatIsNotBasicIsChallenged() {
    form(Map.of("grant_type", "client_credentials"))
        .header("Authorization", "Negotiate abc")
        .post(TOKEN)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"gort\"");
  }

  @Test
  void otherRealmsDoNotExist() {
    for (String path :
        List.of(
            "/realms/master/.well-known/openid-configuration",
            "/realms/master/protocol/openid-connect/certs")) {
      given()
          .get(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("detail", containsString("master"));
    }
    form(Map.of("grant_type", "password"))
        .post("/realms/master/protocol/openid-connect/token")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private void assertServiceAccountToken(RequestSpecification request) {
    Response response = request.post(TOKEN);
    response
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("token_type", equalTo("Bearer"))
        .body("refresh_expires_in", equalTo(0));
    SignedJwt token = SignedJwt.parse(response.path("access_token"));
    assertThat(token.verifiesWith(jwks())).isTrue();
    JsonNode claims = token.claims();
    assertThat(claims.path("iss").asText()).isEqualTo(issuer());
    assertThat(claims.path("aud").asText()).isEqualTo("gort");
    assertThat(claims.path("azp").asText()).isEqualTo("gort-automation");
    assertThat(claims.path("preferred_username").asText())
        .isEqualTo("service-account-gort-automation");
    assertThat(claims.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("operator");
  }

  private static RequestSpecification password(String username, String password) {
    return form(
        Map.of(
            "grant_type",
            "password",
            "client_id",
            "gort-cli",
            "username",
            username,
            "password",
            password));
  }

  private static RequestSpecification form(Map<String, String> parameters) {
    return given().contentType(ContentType.URLENC).formParams(parameters);
  }

  private static void oauthError(
      RequestSpecification request, int status, String error, String description) {
    ValidatableResponse response = request.post(TOKEN).then();
    response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("error", equalTo(error))
        .body("error_description", equalTo(description));
  }

  private static String issuer() {
    return given().get(REALM + "/.well-known/openid-configuration").then().extract().path("issuer");
  }

  private static String jwks() {
    return given().get(REALM + "/protocol/openid-connect/certs").then().extract().asString();
  }
}
