package dev.gort.simulators.oidc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.signature.Sha256;
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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow with PKCE as quarkus-oidc's web-app drives it (client gort-console,
 * client_secret_basic), its refresh tokens and RP-initiated logout, on a clock the test moves.
 */
@QuarkusTest
@TestProfile(MovableClockProfile.class)
@WithTestResource(SmtpPortResource.class)
class CodeFlowTest {

  static final String REALM = "/realms/gort";
  static final String AUTH = REALM + "/protocol/openid-connect/auth";
  static final String LOGIN = REALM + "/login-actions/authenticate";
  static final String TOKEN = REALM + "/protocol/openid-connect/token";
  static final String LOGOUT = REALM + "/protocol/openid-connect/logout";
  static final String CONSOLE = "gort-console";
  static final String CONSOLE_SECRET = "test-console-secret";
  static final String CALLBACK = "http://localhost:8080/console/callback";

  private static final Pattern LOGIN_ID = Pattern.compile("name=\"login\" value=\"([^\"]+)\"");

  @Inject MovableClock clock;

  @Test
  void signingInGivesTheUsersTokensAndAnIdTokenForTheClient() {
    String verifier = verifier();
    String loginId = loginPage(request(CONSOLE, CALLBACK, verifier).with("nonce", "n-0S6_WzA2Mj"));

    Map<String, String> back = redirectQuery(login(loginId, "alice", "alice-test-password"));
    assertThat(back).containsOnlyKeys("code", "state");
    assertThat(back.get("state")).isEqualTo("opaque-state");
    assertThat(back.get("code")).matches("[A-Za-z0-9_-]{43,}");

    Response tokens = exchange(back.get("code"), CALLBACK, verifier).thenReturn();
    tokens
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(3600))
        .body("refresh_expires_in", equalTo(8 * 3600))
        .body("scope", equalTo("openid profile email"));
    assertThat(tokens.<String>path("refresh_token")).matches("[A-Za-z0-9_-]{43,}");

    String issuer = issuer();
    SignedJwt idToken = SignedJwt.parse(tokens.path("id_token"));
    assertThat(idToken.verifiesWith(jwks())).isTrue();
    JsonNode id = idToken.claims();
    assertThat(id.path("iss").asText()).isEqualTo(issuer);
    assertThat(id.path("aud").asText()).isEqualTo(CONSOLE);
    assertThat(id.path("azp").asText()).isEqualTo(CONSOLE);
    assertThat(id.path("typ").asText()).isEqualTo("ID");
    assertThat(id.path("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
    assertThat(id.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(id.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(id.path("sub").asText()).isNotEmpty();
    assertThat(id.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(id.path("auth_time").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(id.path("exp").asLong()).isGreaterThan(id.path("iat").asLong());

    SignedJwt accessToken = SignedJwt.parse(tokens.path("access_token"));
    assertThat(accessToken.verifiesWith(jwks())).isTrue();
    JsonNode access = accessToken.claims();
    assertThat(access.path("iss").asText()).isEqualTo(issuer);
    assertThat(access.path("aud").asText()).isEqualTo("gort");
    assertThat(access.path("azp").asText()).isEqualTo(CONSOLE);
    assertThat(access.path("sub").asText()).isEqualTo(id.path("sub").asText());
    assertThat(access.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(access.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(access.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("owner");
  }

  @Test
  void withoutANonceTheIdTokenHasNone() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "ops", "ops-test-password");

    Response tokens =
        exchange(code, CALLBACK, verifier).then().statusCode(200).extract().response();

    assertThat(SignedJwt.parse(tokens.path("id_token")).claims().has("nonce")).isFalse();
    JsonNode access = SignedJwt.parse(tokens.path("access_token")).claims();
    assertThat(access.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("operator");
  }

  @Test
  void aWrongVerifierIsInvalidGrantAndTheCodeIsGoneAfterIt() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    oauthError(exchange(code, CALLBACK, verifier()), 400, "invalid_grant");
    oauthError(exchange(code, CALLBACK, verifier), 400, "invalid_grant");
  }

  @Test
  void aMissingVerifierIsInvalidGrant() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    oauthError(
        tokenRequest(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK))
            .post(TOKEN)
            .then(),
        400,
        "invalid_grant");
  }

  @Test
  void aCodeIsExchangedOnce() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    exchange(code, CALLBACK, verifier).then().statusCode(200);
    oauthError(exchange(code, CALLBACK, verifier), 400, "invalid_grant")
        .body("access_token", nullValue())
        .body("id_token", nullValue());
  }

  @Test
  void aCodeExpiresAfterSixtySeconds() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    clock.advance(Duration.ofSeconds(60));

    oauthError(exchange(code, CALLBACK, verifier), 400, "invalid_grant");
  }

  @Test
  void anotherRedirectUriAtTheTokenEndpointIsInvalidGrant() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    oauthError(
        exchange(code, "http://localhost:8080/console/other", verifier), 400, "invalid_grant");
    oauthError(exchange(code, CALLBACK, verifier), 400, "invalid_grant");
  }

  @Test
  void onlyTheClientTheCodeWasIssuedToMayExchangeIt() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    oauthError(
        given()
            .contentType(ContentType.URLENC)
            .auth()
            .preemptive()
            .basic("test-web", "test-web-secret")
            .formParams(
                Map.of(
                    "grant_type", "authorization_code",
                    "code", code,
                    "redirect_uri", CALLBACK,
                    "code_verifier", verifier))
            .post(TOKEN)
            .then(),
        400,
        "invalid_grant");
  }

  @Test
  void theTokenEndpointAuthenticatesTheClient() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");

    oauthError(
        given()
            .contentType(ContentType.URLENC)
            .auth()
            .preemptive()
            .basic(CONSOLE, "wrong")
            .formParams(
                Map.of(
                    "grant_type", "authorization_code",
                    "code", code,
                    "redirect_uri", CALLBACK,
                    "code_verifier", verifier))
            .post(TOKEN)
            .then(),
        401,
        "unauthorized_client");
    // client_secret_post works as well
    given()
        .contentType(ContentType.URLENC)
        .formParams(
            Map.of(
                "grant_type", "authorization_code",
                "client_id", CONSOLE,
                "client_secret", CONSOLE_SECRET,
                "code", code,
                "redirect_uri", CALLBACK,
                "code_verifier", verifier))
        .post(TOKEN)
        .then()
        .statusCode(200);
  }

  @Test
  void aClientWithoutTheStandardFlowGetsNoCode() {
    Map<String, String> back =
        redirectQuery(
            authorize(request("test-no-flow", "https://app.example.test/callback", verifier())));
    assertThat(back.get("error")).isEqualTo("unauthorized_client");
    assertThat(back.get("state")).isEqualTo("opaque-state");
    oauthError(
        form(Map.of(
                "grant_type", "authorization_code",
                "client_id", "gort-automation",
                "client_secret", "test-automation-secret",
                "code", "anything",
                "redirect_uri", CALLBACK,
                "code_verifier", verifier()))
            .post(TOKEN)
            .then(),
        400,
        "unauthorized_client");
  }

  @Test
  void aMissingChallengeGoesBackAsInvalidRequest() {
    Map<String, String> request = request(CONSOLE, CALLBACK, verifier());
    request.remove("code_challenge");

    Map<String, String> back = redirectQuery(authorize(request));

    assertThat(back)
        .containsEntry("error", "invalid_request")
        .containsEntry("error_description", "Missing parameter: code_challenge")
        .containsEntry("state", "opaque-state")
        .doesNotContainKey("code");
  }

  @Test
  void thePlainMethodAndAMissingMethodAreRefused() {
    String verifier = verifier();
    Map<String, String> plain = request(CONSOLE, CALLBACK, verifier);
    plain.put("code_challenge", verifier);
    plain.put("code_challenge_method", "plain");
    assertThat(redirectQuery(authorize(plain)))
        .containsEntry("error", "invalid_request")
        .containsEntry("error_description", "Invalid parameter: code_challenge_method");

    Map<String, String> noMethod = request(CONSOLE, CALLBACK, verifier);
    noMethod.remove("code_challenge_method");
    assertThat(redirectQuery(authorize(noMethod)))
        .containsEntry("error", "invalid_request")
        .containsEntry("error_description", "Missing parameter: code_challenge_method");
  }

  @Test
  void otherBadRequestsGoBackWithTheirError() {
    Map<String, String> noOpenid = request(CONSOLE, CALLBACK, verifier());
    noOpenid.put("scope", "profile email");
    assertThat(redirectQuery(authorize(noOpenid))).containsEntry("error", "invalid_scope");

    Map<String, String> token = request(CONSOLE, CALLBACK, verifier());
    token.put("response_type", "token");
    assertThat(redirectQuery(authorize(token))).containsEntry("error", "unsupported_response_type");

    Map<String, String> silent = request(CONSOLE, CALLBACK, verifier());
    silent.put("prompt", "none");
    assertThat(redirectQuery(authorize(silent))).containsEntry("error", "login_required");
  }

  @Test
  void anUnknownClientOrAnUnregisteredRedirectUriIsAPageAndNeverARedirect() {
    String verifier = verifier();
    assertRefusedWithAPage(request("no-such-client", CALLBACK, verifier), "Client not found.");
    Map<String, String> noClient = request(CONSOLE, CALLBACK, verifier);
    noClient.remove("client_id");
    assertRefusedWithAPage(noClient, "Missing parameter: client_id");
    Map<String, String> noRedirect = request(CONSOLE, CALLBACK, verifier);
    noRedirect.remove("redirect_uri");
    assertRefusedWithAPage(noRedirect, "Missing parameter: redirect_uri");
    for (String unregistered :
        new String[] {
          "https://evil.example/callback",
          "http://localhost:8080.evil.example/callback",
          "http://localhost:80801/callback",
          "http://localhost:8080/console/callback#fragment",
          "https://app.example.test/callback",
          "/console/callback"
        }) {
      assertRefusedWithAPage(
          request(CONSOLE, unregistered, verifier), "Invalid parameter: redirect_uri");
    }
    // another client's own URIs: exact, and a prefix ending in *
    assertThat(loginPage(request("test-web", "https://app.example.test/callback", verifier)))
        .isNotEmpty();
    assertThat(loginPage(request("test-web", "https://app.example.test/wild/x?y=1", verifier)))
        .isNotEmpty();
    assertRefusedWithAPage(
        request("test-web", "https://app.example.test/callback/more", verifier),
        "Invalid parameter: redirect_uri");
  }

  @Test
  void aWrongPasswordShowsTheFormAgainEscapedAndIssuesNothing() {
    String verifier = verifier();
    String loginId = loginPage(request(CONSOLE, CALLBACK, verifier));

    login(loginId, "\"><script>alert(1)</script>", "alice-test-password")
        .statusCode(200)
        .header("Location", nullValue())
        .body(containsString("Invalid username or password."))
        .body(containsString("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        .body(not(containsString("<script")));
    login(loginId, "alice", "not-alices-password")
        .statusCode(200)
        .header("Location", nullValue())
        .body(containsString("Invalid username or password."))
        .body(containsString("name=\"username\" value=\"alice\""))
        .body(not(containsString("not-alices-password")));

    // the same page still signs in with the right password, once
    Map<String, String> back = redirectQuery(login(loginId, "alice", "alice-test-password"));
    exchange(back.get("code"), CALLBACK, verifier).then().statusCode(200);
    login(loginId, "alice", "alice-test-password")
        .statusCode(400)
        .header("Location", nullValue())
        .body(containsString("go back to the application"));
  }

  @Test
  void anUnknownLoginIsAPage() {
    login("never-issued", "alice", "alice-test-password")
        .statusCode(400)
        .header("Location", nullValue())
        .body(containsString("expired or was finished already"));
  }

  @Test
  void theStateComesBackVerbatim() {
    String state = "a b&c=d/é+%25?#<\"'>";
    String verifier = verifier();
    Map<String, String> request = request(CONSOLE, CALLBACK, verifier);
    request.put("state", state);

    String location =
        login(loginPage(request), "alice", "alice-test-password")
            .statusCode(303)
            .extract()
            .header("Location");
    assertThat(location).startsWith(CALLBACK + "?code=");
    assertThat(URI.create(location).getRawFragment()).isNull();
    assertThat(redirectQuery(location).get("state")).isEqualTo(state);

    request.remove("code_challenge");
    assertThat(redirectQuery(authorize(request)).get("state")).isEqualTo(state);
  }

  @Test
  void aRedirectUriWithAQueryKeepsIt() {
    String uri = "https://app.example.test/wild/cb?tenant=a";
    Map<String, String> back =
        redirectQuery(
            login(loginPage(request("test-web", uri, verifier())), "bob", "bob-test-password"));
    assertThat(back).containsKeys("tenant", "code", "state");
  }

  @Test
  void theLoginPageIsPlainUncachedAndNeverFramed() {
    Map<String, String> request = request(CONSOLE, CALLBACK, verifier());
    request.put("state", "<b>state</b>");
    request.put("nonce", "<i>nonce</i>");

    String page =
        authorize(request)
            .statusCode(200)
            .contentType(containsString("text/html"))
            .header("Cache-Control", "no-store")
            .header("Content-Security-Policy", containsString("default-src 'none'"))
            .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
            .header("Content-Security-Policy", containsString("form-action 'self'"))
            .header("Content-Security-Policy", containsString("http://localhost:8080"))
            .header("X-Frame-Options", "DENY")
            .header("X-Content-Type-Options", "nosniff")
            .extract()
            .asString();

    assertThat(page)
        .contains("<html lang=\"en\">")
        .contains("<form method=\"post\" action=\"" + issuer() + "/login-actions/authenticate\">")
        .contains("<label>Username or email <input name=\"username\"")
        .contains("<label>Password <input name=\"password\" type=\"password\"")
        .contains("<button type=\"submit\">Sign in</button>")
        .contains("Sign in to gort-console.")
        .doesNotContain("<script")
        .doesNotContain("style=")
        // the request stays on the server: the page carries only the login's id
        .doesNotContain("state")
        .doesNotContain("nonce")
        .doesNotContain("code_challenge");
  }

  @Test
  void aRefreshTokenGivesNewTokensOnceAndOnlyToItsClient() {
    String verifier = verifier();
    String code =
        code(request(CONSOLE, CALLBACK, verifier).with("nonce", "n1"), "bob", "bob-test-password");
    String first = exchange(code, CALLBACK, verifier).then().extract().path("refresh_token");
    clock.advance(Duration.ofSeconds(30));

    Response refreshed = refresh(first).then().statusCode(200).extract().response();
    String second = refreshed.path("refresh_token");
    assertThat(second).isNotEqualTo(first);
    JsonNode id = SignedJwt.parse(refreshed.path("id_token")).claims();
    assertThat(SignedJwt.parse(refreshed.path("id_token")).verifiesWith(jwks())).isTrue();
    assertThat(id.path("aud").asText()).isEqualTo(CONSOLE);
    assertThat(id.path("nonce").asText()).isEqualTo("n1");
    assertThat(id.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(id.path("auth_time").asLong()).isEqualTo(id.path("iat").asLong() - 30);
    JsonNode access = SignedJwt.parse(refreshed.path("access_token")).claims();
    assertThat(access.path("preferred_username").asText()).isEqualTo("bob");
    assertThat(access.path("realm_access").path("roles").get(0).asText()).isEqualTo("owner");

    oauthError(refresh(first), 400, "invalid_grant");
    oauthError(
        given()
            .contentType(ContentType.URLENC)
            .auth()
            .preemptive()
            .basic("test-web", "test-web-secret")
            .formParams(Map.of("grant_type", "refresh_token", "refresh_token", second))
            .post(TOKEN)
            .then(),
        400,
        "invalid_grant");
    // the other client's try took it
    oauthError(refresh(second), 400, "invalid_grant");
  }

  @Test
  void aRefreshTokenExpires() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "bob", "bob-test-password");
    String refreshToken = exchange(code, CALLBACK, verifier).then().extract().path("refresh_token");

    clock.advance(Duration.ofHours(8));

    oauthError(refresh(refreshToken), 400, "invalid_grant");
  }

  @Test
  void logoutWithAnIdTokenHintGoesToARegisteredUriAndForgetsTheRefreshTokens() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");
    Response tokens = exchange(code, CALLBACK, verifier).thenReturn();

    given()
        .redirects()
        .follow(false)
        .queryParam("id_token_hint", tokens.<String>path("id_token"))
        .queryParam("post_logout_redirect_uri", "http://localhost:8080/console/")
        .queryParam("state", "s 1&x")
        .get(LOGOUT)
        .then()
        .statusCode(302)
        .header("Location", "http://localhost:8080/console/?state=s%201%26x");

    oauthError(refresh(tokens.path("refresh_token")), 400, "invalid_grant");
  }

  @Test
  void logoutByPostWithAClientIdGoesToItsRegisteredUri() {
    given()
        .redirects()
        .follow(false)
        .contentType(ContentType.URLENC)
        .formParam("client_id", "test-web")
        .formParam("post_logout_redirect_uri", "https://app.example.test/bye")
        .post(LOGOUT)
        .then()
        .statusCode(302)
        .header("Location", "https://app.example.test/bye");
  }

  @Test
  void logoutToAnUnregisteredUriIsAPage() {
    String verifier = verifier();
    String code = code(request(CONSOLE, CALLBACK, verifier), "alice", "alice-test-password");
    Response tokens = exchange(code, CALLBACK, verifier).thenReturn();

    for (Map<String, String> parameters :
        List.of(
            Map.of(
                "id_token_hint",
                tokens.<String>path("id_token"),
                "post_logout_redirect_uri",
                "https://evil.example/"),
            Map.of(
                "client_id", CONSOLE, "post_logout_redirect_uri", "https://app.example.test/bye"),
            Map.of("post_logout_redirect_uri", "http://localhost:8080/console/"),
            Map.of(
                "id_token_hint",
                tokens.<String>path("access_token"),
                "post_logout_redirect_uri",
                "http://localhost:8080/console/"))) {
      given()
          .redirects()
          .follow(false)
          .queryParams(parameters)
          .get(LOGOUT)
          .then()
          .statusCode(400)
          .header("Location", nullValue())
          .contentType(containsString("text/html"))
          .header("Cache-Control", "no-store");
    }
    // nothing was forgotten by the refused logouts
    refresh(tokens.path("refresh_token")).then().statusCode(200);
  }

  @Test
  void logoutWithoutARedirectSaysSignedOut() {
    given()
        .redirects()
        .follow(false)
        .get(LOGOUT)
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .body(containsString("You are signed out"));
  }

  // ---- helpers

  /** What quarkus-oidc's web-app sends to the authorization endpoint. */
  static Parameters request(String clientId, String redirectUri, String verifier) {
    Parameters request = new Parameters();
    request.put("response_type", "code");
    request.put("client_id", clientId);
    request.put("scope", "openid profile email");
    request.put("redirect_uri", redirectUri);
    request.put("state", "opaque-state");
    request.put("code_challenge", challenge(verifier));
    request.put("code_challenge_method", "S256");
    return request;
  }

  /** Query parameters in order, one more added in an expression by {@link #with}. */
  static final class Parameters extends LinkedHashMap<String, String> {
    Parameters with(String key, String value) {
      super.put(key, value);
      return this;
    }
  }

  static ValidatableResponse authorize(Map<String, String> query) {
    return given().redirects().follow(false).queryParams(query).get(AUTH).then();
  }

  static String loginPage(Map<String, String> query) {
    String page = authorize(query).statusCode(200).extract().asString();
    Matcher matcher = LOGIN_ID.matcher(page);
    assertThat(matcher.find()).as("the page's login id in %s", page).isTrue();
    return matcher.group(1);
  }

  static ValidatableResponse login(String loginId, String username, String password) {
    return given()
        .redirects()
        .follow(false)
        .contentType(ContentType.URLENC)
        .formParams(Map.of("login", loginId, "username", username, "password", password))
        .post(LOGIN)
        .then();
  }

  static String code(Map<String, String> request, String username, String password) {
    return redirectQuery(login(loginPage(request), username, password)).get("code");
  }

  static Response exchange(String code, String redirectUri, String verifier) {
    return tokenRequest(
            Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirectUri,
                "code_verifier", verifier))
        .post(TOKEN);
  }

  static Response refresh(String refreshToken) {
    return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
        .post(TOKEN);
  }

  // client_secret_basic, as quarkus-oidc sends quarkus.oidc.credentials.secret
  static RequestSpecification tokenRequest(Map<String, String> parameters) {
    return form(parameters).auth().preemptive().basic(CONSOLE, CONSOLE_SECRET);
  }

  private static RequestSpecification form(Map<String, String> parameters) {
    return given().contentType(ContentType.URLENC).formParams(parameters);
  }

  static Map<String, String> redirectQuery(ValidatableResponse response) {
    return redirectQuery(response.statusCode(equalToRedirect()).extract().header("Location"));
  }

  private static org.hamcrest.Matcher<Integer> equalToRedirect() {
    return org.hamcrest.Matchers.anyOf(equalTo(302), equalTo(303));
  }

  static Map<String, String> redirectQuery(String location) {
    Map<String, String> query = new HashMap<>();
    String raw = URI.create(location).getRawQuery();
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      query.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void assertRefusedWithAPage(Map<String, String> request, String message) {
    authorize(request)
        .statusCode(400)
        .header("Location", nullValue())
        .contentType(containsString("text/html"))
        .header("Cache-Control", "no-store")
        .body(containsString(HtmlPage.escape(message)));
  }

  private static ValidatableResponse oauthError(Response response, int status, String error) {
    return oauthError(response.then(), status, error);
  }

  private static ValidatableResponse oauthError(
      ValidatableResponse response, int status, String error) {
    return response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .header("Cache-Control", "no-store")
        .body("error", equalTo(error));
  }

  static String verifier() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(verifier));
  }

  static String issuer() {
    return given().get(REALM + "/.well-known/openid-configuration").then().extract().path("issuer");
  }

  private static String jwks() {
    return given().get(REALM + "/protocol/openid-connect/certs").then().extract().asString();
  }
}
