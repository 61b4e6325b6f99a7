package dev.gort.simulators.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialTest {

  @Test
  void matchesOnlyTheConfiguredValue() {
    Credential secret = Credential.of(Optional.of("s3cret"));

    assertThat(secret.matches("s3cret")).isTrue();
    assertThat(secret.matches("s3cret ")).isFalse();
    assertThat(secret.matches("S3cret")).isFalse();
    assertThat(secret.matches("")).isFalse();
    assertThat(secret.matches(null)).isFalse();
  }

  @Test
  void emptyOrUnsetCredentialMatchesNothing() {
    for (Credential none :
        new Credential[] {
          Credential.of(Optional.of("")), Credential.of(Optional.empty()), Credential.NONE
        }) {
      assertThat(none.matches("")).isFalse();
      assertThat(none.matches(null)).isFalse();
      assertThat(none.matches("anything")).isFalse();
    }
  }
}
