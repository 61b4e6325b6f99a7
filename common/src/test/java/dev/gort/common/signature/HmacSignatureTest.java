package dev.gort.common.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HmacSignatureTest {

  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  // GitHub's documented example for X-Hub-Signature-256
  private static final String GITHUB_EXAMPLE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void signsGithubsDocumentedExample() {
    assertThat(HmacSignature.sign(SECRET, BODY)).isEqualTo(GITHUB_EXAMPLE);
    assertThat(HmacSignature.verify(SECRET, BODY, GITHUB_EXAMPLE)).isTrue();
  }

  @Test
  void signatureIsTheHmacSha256OfTheExactBytes() throws Exception {
    byte[] body =
        "{\"runId\":\"r\",\"status\":\"passed\",\"note\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));

    assertThat(HmacSignature.sign("s3cret", body)).isEqualTo(expected);
    assertThat(HmacSignature.verify("s3cret", body, expected)).isTrue();
  }

  @Test
  void wrongSecretIsRefused() {
    assertThat(HmacSignature.verify("It's a secret to everybody", BODY, GITHUB_EXAMPLE)).isFalse();
  }

  @Test
  void tamperedBodyIsRefused() {
    byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

    assertThat(HmacSignature.verify(SECRET, tampered, GITHUB_EXAMPLE)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=zz",
        "sha256="
      })
  void missingOrMalformedSignatureIsRefused(String signature) {
    assertThat(HmacSignature.verify(SECRET, BODY, signature)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noSecretRefusesEverything(String secret) {
    String signedWithEmptyKey = "sha256=" + hmacWithEmptyKey();

    assertThat(HmacSignature.verify(secret, BODY, GITHUB_EXAMPLE)).isFalse();
    assertThat(HmacSignature.verify(secret, BODY, signedWithEmptyKey)).isFalse();
  }

  private static String hmacWithEmptyKey() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // a one-byte zero key is equivalent to an empty HMAC key (keys are zero-padded)
      mac.init(new SecretKeySpec(new byte[] {0}, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(BODY));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
