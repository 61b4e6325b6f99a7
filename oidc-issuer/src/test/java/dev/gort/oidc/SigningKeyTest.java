package dev.gort.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.oidc.testing.SignedJwt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void keyIdIsTheRfc7638Thumbprint() throws Exception {
    // The example key of RFC 7638, section 3.1, and the thumbprint the RFC gives for it.
    String n =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP"
            + "ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Q"
            + "vzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQF"
            + "h6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    RSAPublicKey key =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(n)),
                        BigInteger.valueOf(65537)));

    assertThat(SigningKey.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void jwksPublishesTheKeyInKeycloaksShape() throws Exception {
    SigningKey key = SigningKey.generate();
    JsonNode keys = mapper.readTree(key.jwksJson()).path("keys");

    assertThat(keys).hasSize(1);
    JsonNode jwk = keys.get(0);
    assertThat(jwk.path("kid").asText()).isEqualTo(key.keyId());
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
    // 2048 bits unsigned = 256 bytes, no leading sign byte
    assertThat(Base64.getUrlDecoder().decode(jwk.path("n").asText())).hasSize(256);
    assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())))
        .isEqualTo(key.publicKey().getModulus());
  }

  @Test
  void pkcs8PemFileLoadsToTheSameKeyIdEveryTime(@TempDir Path dir) throws Exception {
    Path pem = writePkcs8Pem(dir);

    SigningKey first = SigningKey.load(pem);
    SigningKey second = SigningKey.load(pem);

    assertThat(first.keyId()).isEqualTo(second.keyId());
    String token =
        new TokenIssuer("http://issuer", first)
            .mint(
                new TokenClaims("s", "u", null, List.of(), "gort", "gort-cli", "profile email"),
                Instant.now(),
                Duration.ofMinutes(5));
    assertThat(SignedJwt.parse(token).verifiesWith(second.jwksJson())).isTrue();
  }

  @Test
  void pkcs1PemIsRejectedNamingTheFormWanted(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("rsa.pem");
    Files.writeString(
        pem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> SigningKey.load(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rsa.pem")
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void pemOfAnotherKeyTypeIsRejected() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String pem = pem(ec.generateKeyPair().getPrivate().getEncoded());

    assertThatThrownBy(() -> SigningKey.fromPem(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA");
  }

  private static Path writePkcs8Pem(Path dir) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair pair = rsa.generateKeyPair();
    Path file = dir.resolve("signing-key.pem");
    Files.writeString(file, pem(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    return file;
  }

  private static String pem(byte[] pkcs8) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }
}
