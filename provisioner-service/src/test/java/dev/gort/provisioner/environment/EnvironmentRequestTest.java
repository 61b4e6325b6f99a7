package dev.gort.provisioner.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
import org.junit.jupiter.api.Test;

class EnvironmentRequestTest {

  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHd0cm9uZ2tleWZvcnRlc3Rpbmdvbmx5MTIzNDU2Nzg5 me@host";

  @Test
  void aRepositoryAloneIsEnough() {
    Overrides overrides =
        new EnvironmentRequest("https://example.org/x.git", null, null, null, null, null, null)
            .check();
    assertThat(overrides).isEqualTo(Overrides.none());
  }

  @Test
  void everyProblemIsListedAtOnce() {
    EnvironmentRequest bad =
        new EnvironmentRequest(null, "gpu a100;", null, 500, null, "not a key", "net\nwork");
    assertThatThrownBy(bad::check)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains("repositoryUrl")
                  .contains("nodeType")
                  .contains("durationHours")
                  .contains("publicKey")
                  .contains("keyName")
                  .contains("network");
            });
  }

  @Test
  void aPublicKeyNeedsANameToBeImportedUnder() {
    assertThatThrownBy(
            () ->
                new EnvironmentRequest("https://e.org/x.git", null, null, null, null, KEY, null)
                    .check())
        .hasMessageContaining("keyName");
    Overrides overrides =
        new EnvironmentRequest("https://e.org/x.git", null, null, 1, "mine", KEY + "\n", null)
            .check();
    assertThat(overrides.publicKey()).isEqualTo(KEY);
    assertThat(overrides.durationHours()).isEqualTo(1);
  }
}
