package dev.gort.gateway.runner.tuxsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The OpenSSH ecdsa-sha2-nistp256 key decoder, on generated keys and on ssh-keygen's format. */
class OpenSshEcKeyTest {

  /** {@code ssh-keygen -t ecdsa -b 256 -C tuxsuite@example}, its .pub line. */
  static final String SSH_KEYGEN =
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBBH5G5lo6LsGNlTSqqBb75m/FBFBKcZ7emTOFxvsfu0bJQKcdNdB6wN2+8c61CCt3uWFjTBBQsa9M8G2GFhQY0g= tuxsuite@example";

  /** The same key as {@code ssh-keygen -e -m PKCS8} writes it (X.509 SubjectPublicKeyInfo). */
  static final String SSH_KEYGEN_SPKI =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEfkbmWjouwY2VNKqoFvvmb8UEUEpxnt6ZM4XG+x+7RslApx010HrA3b7xzrUIK3e5YWNMEFCxr0zwbYYWFBjSA==";

  @Test
  void anSshKeygenKeyDecodesToTheSameKeyOpenSshExportsAsPkcs8() {
    ECPublicKey key = OpenSshEcKey.parse(SSH_KEYGEN);

    assertThat(Base64.getEncoder().encodeToString(key.getEncoded())).isEqualTo(SSH_KEYGEN_SPKI);
  }

  @Test
  void aGeneratedKeyFormatsAndParsesBackToItself() {
    for (int i = 0; i < 20; i++) {
      KeyPair pair = TuxSuiteSigning.generate();
      String line = OpenSshEcKey.format((ECPublicKey) pair.getPublic(), "gort");

      assertThat(line)
          .startsWith("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY")
          .endsWith(" gort");
      assertThat(OpenSshEcKey.parse(line)).isEqualTo(pair.getPublic());
    }
  }

  @Test
  void aKeyWithoutCommentParses() {
    String noComment = SSH_KEYGEN.substring(0, SSH_KEYGEN.lastIndexOf(' '));
    assertThat(OpenSshEcKey.parse(noComment)).isEqualTo(OpenSshEcKey.parse(SSH_KEYGEN));
  }

  @Test
  void otherKeysAndBrokenBlobsAreRefused() {
    assertThatThrownBy(() -> OpenSshEcKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenSshEcKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG x"))
        .hasMessageContaining("not an ecdsa-sha2-nistp256 key");
    assertThatThrownBy(() -> OpenSshEcKey.parse("ecdsa-sha2-nistp256 !!!"))
        .hasMessageContaining("base64");
    String blob = SSH_KEYGEN.split(" ")[1];
    byte[] bytes = Base64.getDecoder().decode(blob);
    // cut short
    String cut = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 50));
    assertThatThrownBy(() -> OpenSshEcKey.parse("ecdsa-sha2-nistp256 " + cut))
        .hasMessageContaining("cut short");
    // trailing bytes
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(
            () ->
                OpenSshEcKey.parse(
                    "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(longer)))
        .hasMessageContaining("trailing");
    // a point moved off the curve
    byte[] off = bytes.clone();
    off[off.length - 1] ^= 1;
    assertThatThrownBy(
            () ->
                OpenSshEcKey.parse(
                    "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(off)))
        .hasMessageContaining("not on P-256");
    // a nistp384 curve name inside a nistp256 line
    String p384 =
        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace("nistp256\u0000", "nistp384\u0000");
    assertThatThrownBy(
            () ->
                OpenSshEcKey.parse(
                    "ecdsa-sha2-nistp256 "
                        + Base64.getEncoder()
                            .encodeToString(
                                p384.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
