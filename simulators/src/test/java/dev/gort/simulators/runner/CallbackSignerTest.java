package dev.gort.simulators.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.signature.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

  private final byte[] body = "{\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void secretSignsTheExactBodyForItsAttemptsToken() {
    String signature =
        new CallbackSigner(Optional.of("s3cret")).sign("token-1", body).orElseThrow();

    assertThat(HmacSignature.verifyCallback("s3cret", "token-1", body, signature)).isTrue();
    assertThat(HmacSignature.verifyCallback("other", "token-1", body, signature)).isFalse();
    assertThat(HmacSignature.verifyCallback("s3cret", "token-2", body, signature))
        .as("the same body signed for another attempt's URL does not verify")
        .isFalse();
    assertThat(HmacSignature.verify("s3cret", body, signature))
        .as("a signature over the body alone would not do")
        .isFalse();
  }

  @Test
  void emptySecretSendsNoSignature() {
    assertThat(new CallbackSigner(Optional.of("")).sign("t", body)).isEmpty();
    assertThat(new CallbackSigner(Optional.empty()).sign("t", body)).isEmpty();
  }
}
