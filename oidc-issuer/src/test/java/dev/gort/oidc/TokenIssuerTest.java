package dev.gort.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.oidc.testing.SignedJwt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

  private static final String ISSUER = "http://127.0.0.1:8090/realms/gort";
  private static final SigningKey KEY = SigningKey.generate();
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final TokenIssuer issuer = new TokenIssuer(ISSUER, KEY);
  private final ObjectMapper mapper = new ObjectMapper();

  private static TokenClaims alice() {
    return new TokenClaims(
        TokenClaims.subjectOf("alice"),
        "alice",
        "alice@example.com",
        List.of("owner"),
        "gort",
        "gort-cli",
        TokenClaims.DEFAULT_SCOPE);
  }

  @Test
  void mintedTokenVerifiesWithThePublicKeyOfTheJwks() throws Exception {
    String token = issuer.mint(alice(), NOW, Duration.ofHours(1));

    String[] parts = token.split("\\.");
    JsonNode jwk = mapper.readTree(KEY.jwksJson()).path("keys").get(0);
    Base64.Decoder base64url = Base64.getUrlDecoder();
    var publicKey =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, base64url.decode(jwk.path("n").asText())),
                    new BigInteger(1, base64url.decode(jwk.path("e").asText()))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

    assertThat(rs256.verify(base64url.decode(parts[2]))).isTrue();
    assertThat(SignedJwt.parse(token).verifiesWith(KEY.jwksJson())).isTrue();
  }

  @Test
  void headerNamesRs256AndTheKidOfTheJwks() throws Exception {
    JsonNode header = SignedJwt.parse(issuer.mint(alice(), NOW, Duration.ofHours(1))).header();
    JsonNode jwk = mapper.readTree(KEY.jwksJson()).path("keys").get(0);

    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    assertThat(header.path("kid").asText()).isEqualTo(jwk.path("kid").asText()).isNotBlank();
  }

  @Test
  void claimsAreTheGivenOnesInKeycloaksNames() {
    JsonNode claims = SignedJwt.parse(issuer.mint(alice(), NOW, Duration.ofMinutes(30))).claims();

    assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
    assertThat(claims.path("sub").asText()).isEqualTo(TokenClaims.subjectOf("alice"));
    assertThat(claims.path("aud").asText()).isEqualTo("gort");
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 1800);
    assertThat(claims.path("jti").asText()).isNotBlank();
    assertThat(claims.path("typ").asText()).isEqualTo("Bearer");
    assertThat(claims.path("azp").asText()).isEqualTo("gort-cli");
    assertThat(claims.path("scope").asText()).isEqualTo("profile email");
    assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(claims.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(claims.path("realm_access").path("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("owner");
  }

  @Test
  void unknownEmailIsLeftOut() {
    TokenClaims noEmail =
        new TokenClaims(
            TokenClaims.subjectOf("ops"),
            "ops",
            null,
            List.of("operator"),
            "gort",
            "gort-cli",
            "profile email");

    assertThat(
            SignedJwt.parse(issuer.mint(noEmail, NOW, Duration.ofHours(1))).claims().has("email"))
        .isFalse();
  }

  @Test
  void everyTokenHasItsOwnId() {
    String first =
        SignedJwt.parse(issuer.mint(alice(), NOW, Duration.ofHours(1)))
            .claims()
            .path("jti")
            .asText();
    String second =
        SignedJwt.parse(issuer.mint(alice(), NOW, Duration.ofHours(1)))
            .claims()
            .path("jti")
            .asText();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void tokenOfAnotherKeyClaimingTheSameKidDoesNotVerify() {
    SigningKey forger = SigningKey.generate().withKeyId(KEY.keyId());
    String forged = new TokenIssuer(ISSUER, forger).mint(alice(), NOW, Duration.ofHours(1));

    assertThat(SignedJwt.parse(forged).header().path("kid").asText()).isEqualTo(KEY.keyId());
    assertThat(SignedJwt.parse(forged).verifiesWith(KEY.jwksJson())).isFalse();
  }

  @Test
  void tamperedClaimsDoNotVerify() {
    String[] parts = issuer.mint(alice(), NOW, Duration.ofHours(1)).split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String promoted =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims.replace("\"owner\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));

    assertThat(
            SignedJwt.parse(parts[0] + "." + promoted + "." + parts[2])
                .verifiesWith(KEY.jwksJson()))
        .isFalse();
  }

  @Test
  void subjectOfAUsernameIsStable() {
    assertThat(TokenClaims.subjectOf("alice"))
        .isEqualTo(TokenClaims.subjectOf("alice"))
        .isNotEqualTo(TokenClaims.subjectOf("bob"));
  }

  @Test
  void anIdTokenIsForTheClientWithTheNonceAndAuthTime() {
    String compact =
        issuer.mintIdToken(
            alice(), "n-0S6_WzA2Mj", NOW.minusSeconds(30), NOW, Duration.ofMinutes(5));

    SignedJwt token = SignedJwt.parse(compact);
    assertThat(token.verifiesWith(KEY.jwksJson())).isTrue();
    JsonNode claims = token.claims();
    assertThat(claims.fieldNames())
        .toIterable()
        .containsExactly(
            "exp",
            "iat",
            "auth_time",
            "jti",
            "iss",
            "aud",
            "sub",
            "typ",
            "azp",
            "nonce",
            "preferred_username",
            "email");
    assertThat(claims.path("aud").asText()).isEqualTo("gort-cli");
    assertThat(claims.path("azp").asText()).isEqualTo("gort-cli");
    assertThat(claims.path("typ").asText()).isEqualTo("ID");
    assertThat(claims.path("iss").asText()).isEqualTo(ISSUER);
    assertThat(claims.path("sub").asText()).isEqualTo(TokenClaims.subjectOf("alice"));
    assertThat(claims.path("nonce").asText()).isEqualTo("n-0S6_WzA2Mj");
    assertThat(claims.path("auth_time").asLong()).isEqualTo(NOW.getEpochSecond() - 30);
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 300);
    assertThat(claims.has("realm_access")).isFalse();
  }

  @Test
  void anIdTokenWithoutANonceHasNoNonceClaim() {
    JsonNode claims =
        SignedJwt.parse(issuer.mintIdToken(alice(), null, NOW, NOW, Duration.ofMinutes(5)))
            .claims();

    assertThat(claims.has("nonce")).isFalse();
  }

  @Test
  void theKeyVerifiesItsOwnSignaturesOnly() {
    String[] parts = issuer.mint(alice(), NOW, Duration.ofMinutes(5)).split("\\.");
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);

    assertThat(KEY.verifies(signingInput, signature)).isTrue();
    assertThat(SigningKey.generate().verifies(signingInput, signature)).isFalse();
    signingInput[0] ^= 1;
    assertThat(KEY.verifies(signingInput, signature)).isFalse();
  }
}
