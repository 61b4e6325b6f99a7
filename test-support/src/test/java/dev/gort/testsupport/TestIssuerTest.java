package dev.gort.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.oidc.testing.SignedJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestIssuerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void discoveryDocumentIsServedForTheIssuerUrl() throws Exception {
    JsonNode discovery = getJson(TestIssuer.issuerUrl() + "/.well-known/openid-configuration");

    assertThat(TestIssuer.issuerUrl()).matches("http://127\\.0\\.0\\.1:\\d+/realms/gort");
    assertThat(discovery.path("issuer").asText()).isEqualTo(TestIssuer.issuerUrl());
    assertThat(discovery.path("jwks_uri").asText())
        .isEqualTo(TestIssuer.issuerUrl() + "/protocol/openid-connect/certs");
  }

  @Test
  void tokenVerifiesWithTheServedJwksAndCarriesTheGivenClaims() throws Exception {
    SignedJwt token = SignedJwt.parse(TestIssuer.token("alice", "owner", "operator"));

    assertThat(token.verifiesWith(jwks())).isTrue();
    JsonNode claims = token.claims();
    assertThat(claims.path("iss").asText()).isEqualTo(TestIssuer.issuerUrl());
    assertThat(claims.path("aud").asText()).isEqualTo("gort");
    assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(claims.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(claims.path("azp").asText()).isEqualTo("gort-cli");
    assertThat(claims.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("owner", "operator");
    long now = Instant.now().getEpochSecond();
    assertThat(claims.path("exp").asLong()).isBetween(now + 3500, now + 3700);
  }

  @Test
  void expiredTokenIsSignedButExpired() throws Exception {
    SignedJwt token = SignedJwt.parse(TestIssuer.expiredToken("bob", "owner"));

    assertThat(token.verifiesWith(jwks())).isTrue();
    assertThat(token.claims().path("exp").asLong()).isLessThan(Instant.now().getEpochSecond());
    assertThat(token.claims().path("iss").asText()).isEqualTo(TestIssuer.issuerUrl());
  }

  @Test
  void tokenForAudienceNamesOnlyThatAudience() throws Exception {
    SignedJwt token = SignedJwt.parse(TestIssuer.tokenForAudience("elsewhere", "bob", "owner"));

    assertThat(token.verifiesWith(jwks())).isTrue();
    assertThat(token.claims().path("aud").asText()).isEqualTo("elsewhere");
  }

  @Test
  void tokenFromOtherIssuerIsSignedButNamesAnotherIssuer() throws Exception {
    SignedJwt token = SignedJwt.parse(TestIssuer.tokenFromOtherIssuer("bob", "owner"));

    assertThat(token.verifiesWith(jwks())).isTrue();
    assertThat(token.claims().path("iss").asText())
        .isNotEqualTo(TestIssuer.issuerUrl())
        .endsWith("/realms/other");
  }

  @Test
  void forgedTokenClaimsTheRealKidButDoesNotVerify() throws Exception {
    SignedJwt real = SignedJwt.parse(TestIssuer.token("alice", "admin"));
    SignedJwt forged = SignedJwt.parse(TestIssuer.forgedToken("alice", "admin"));

    assertThat(forged.header().path("kid").asText()).isEqualTo(real.header().path("kid").asText());
    assertThat(forged.claims().path("iss").asText()).isEqualTo(TestIssuer.issuerUrl());
    assertThat(forged.verifiesWith(jwks())).isFalse();
  }

  @Test
  void tokenEndpointIsNotServed() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(TestIssuer.issuerUrl() + "/protocol/openid-connect/token"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(404);
  }

  private String jwks() throws IOException, InterruptedException {
    return get(TestIssuer.issuerUrl() + "/protocol/openid-connect/certs");
  }

  private JsonNode getJson(String url) throws IOException, InterruptedException {
    return mapper.readTree(get(url));
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
    return answer.body();
  }
}
