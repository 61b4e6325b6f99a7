package dev.gort.console.environments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshCommandTest {

  @Test
  void aKeyTheConsoleHandsOutIsNamedWithMinusI() {
    Environment.KeyPair key = new Environment.KeyPair("gort-e1", true, "available");

    assertThat(SshCommand.of("ssh ubuntu@192.0.2.7", key))
        .isEqualTo("ssh -i gort-e1.pem ubuntu@192.0.2.7");
    assertThat(
            SshCommand.of(
                "ssh ubuntu@192.0.2.7", new Environment.KeyPair("gort-e1", true, "downloaded")))
        .isEqualTo("ssh -i gort-e1.pem ubuntu@192.0.2.7");
  }

  @Test
  void theOwnersOwnKeyIsLeftToTheOwner() {
    Environment.KeyPair imported = new Environment.KeyPair("gort-uabc-laptop", false, null);

    assertThat(SshCommand.of("ssh cc@192.0.2.8", imported)).isEqualTo("ssh cc@192.0.2.8");
    assertThat(SshCommand.of("ssh cc@192.0.2.8", null)).isEqualTo("ssh cc@192.0.2.8");
  }

  @Test
  void noAddressNoCommand() {
    assertThat(SshCommand.of(null, null)).isNull();
    assertThat(SshCommand.of(" ", null)).isNull();
  }

  @Test
  void theKeyFileNameHoldsNothingAShellWouldRead() {
    assertThat(SshCommand.keyFileName("gort-e1")).isEqualTo("gort-e1.pem");
    assertThat(SshCommand.keyFileName("a b;rm -rf $HOME")).isEqualTo("a_b_rm_-rf__HOME.pem");
    assertThat(SshCommand.keyFileName(null)).isEqualTo("gort-environment.pem");
  }
}
