package dev.gort.simulators.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.signature.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

  private final byte[] body = "{\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void secretSignsTheExactBody() {
    String signature = new CallbackSigner(Optional.of("s3cret")).sign(body).orElseThrow();

    assertThat(HmacSignature.verify("s3cret", body, signature)).isTrue();
    assertThat(HmacSignature.verify("other", body, signature)).isFalse();
  }

  @Test
  void emptySecretSendsNoSignature() {
    assertThat(new CallbackSigner(Optional.of("")).sign(body)).isEmpty();
    assertThat(new CallbackSigner(Optional.empty()).sign(body)).isEmpty();
  }
}
