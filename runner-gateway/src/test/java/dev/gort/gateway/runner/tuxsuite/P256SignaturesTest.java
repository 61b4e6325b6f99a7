package dev.gort.gateway.runner.tuxsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signatures made by the JDK's own ECDSA, checked by the BouncyCastle verifier. */
class P256SignaturesTest {

  private static final KeyPair PAIR = TuxSuiteSigning.FIXED_1;
  private static final byte[] DOCUMENT =
      "{\"kind\": \"test\", \"status\": {\"uid\": \"2abc\"}}".getBytes(StandardCharsets.UTF_8);

  private final P256Signatures verifier = new P256Signatures((ECPublicKey) PAIR.getPublic());

  private static byte[] signature(KeyPair pair, byte[] document) {
    return Base64.getUrlDecoder().decode(TuxSuiteSigning.sign(pair.getPrivate(), document));
  }

  @Test
  void aSignatureOfTheKeyHolds() {
    assertThat(verifier.holds(DOCUMENT, signature(PAIR, DOCUMENT))).isTrue();
  }

  @Test
  void aChangedDocumentDoesNotHold() {
    byte[] changed = DOCUMENT.clone();
    changed[10] ^= 1;
    assertThat(verifier.holds(changed, signature(PAIR, DOCUMENT))).isFalse();
  }

  @Test
  void anotherKeysSignatureDoesNotHold() {
    assertThat(verifier.holds(DOCUMENT, signature(TuxSuiteSigning.FIXED_2, DOCUMENT))).isFalse();
  }

  @Test
  void bytesAfterTheSignatureOrNoDerAtAllDoNotHold() {
    byte[] der = signature(PAIR, DOCUMENT);
    byte[] trailing = Arrays.copyOf(der, der.length + 1);
    assertThat(verifier.holds(DOCUMENT, trailing)).isFalse();
    assertThat(verifier.holds(DOCUMENT, new byte[] {1, 2, 3})).isFalse();
    assertThat(verifier.holds(DOCUMENT, new byte[0])).isFalse();
  }

  @Test
  void zeroesForRAndSDoNotHold() {
    byte[] zeroes = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};
    assertThat(verifier.holds(DOCUMENT, zeroes)).isFalse();
  }
}
