package dev.gort.simulators.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshKeysTest {

  @Test
  void generatedKeyIsPkcs1PemWithAMatchingOpenSshPublicKeyAndFingerprint() {
    SshKeys.Generated key = SshKeys.generate("Generated-by-Nova", 1024);
    assertThat(key.privateKey())
        .startsWith("-----BEGIN RSA PRIVATE KEY-----\n")
        .endsWith("-----END RSA PRIVATE KEY-----\n");
    assertThat(key.publicKey()).startsWith("ssh-rsa AAAAB3NzaC1yc2E").contains("Generated-by-Nova");
    assertThat(key.fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    assertThat(SshKeys.fingerprint(key.publicKey())).isEqualTo(key.fingerprint());
    assertThat(SshKeys.modulusOf(key.privateKey()).bitLength()).isEqualTo(1024);
  }

  @Test
  void fingerprintOfAKnownKeyIsMd5OfItsBlob() {
    // ssh-keygen -l -E md5 of this ed25519 key gives this fingerprint
    String line =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host";
    assertThat(SshKeys.fingerprint(line)).isEqualTo(KNOWN_MD5);
  }

  @Test
  void somethingElseIsNoPublicKey() {
    assertThatThrownBy(() -> SshKeys.fingerprint("hello world"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SshKeys.fingerprint(
                    "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final String KNOWN_MD5 = "65:96:2d:fc:e8:d5:a9:11:64:0c:0f:ea:00:6e:5b:bd";
}
