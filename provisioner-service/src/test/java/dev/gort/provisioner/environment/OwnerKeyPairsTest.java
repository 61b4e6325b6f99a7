package dev.gort.provisioner.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerKeyPairsTest {

  @Test
  void theSameNameOfTwoOwnersIsTwoKeyPairs() {
    String alices = OwnerKeyPairs.cloudName("alice", "mine");
    String bobs = OwnerKeyPairs.cloudName("bob", "mine");
    assertThat(alices).isNotEqualTo(bobs).startsWith("gort-u").endsWith("-mine");
    assertThat(OwnerKeyPairs.cloudName("alice", "mine")).isEqualTo(alices);
  }

  @Test
  void keysAreComparedWithoutTheirComments() {
    assertThat(OwnerKeyPairs.sameKey("ssh-ed25519 AAAA1 a@b", "ssh-ed25519 AAAA1 other")).isTrue();
    assertThat(OwnerKeyPairs.sameKey("ssh-ed25519 AAAA1", "ssh-ed25519 AAAA2")).isFalse();
    assertThat(OwnerKeyPairs.sameKey("ssh-rsa AAAA1", "ssh-ed25519 AAAA1")).isFalse();
    assertThat(OwnerKeyPairs.sameKey(null, "ssh-ed25519 AAAA1")).isFalse();
  }
}
