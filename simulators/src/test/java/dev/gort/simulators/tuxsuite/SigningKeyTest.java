package dev.gort.simulators.tuxsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The simulated TuxSuite's key: a configured PKCS#8 key's public part, ssh.pub, signatures. */
class SigningKeyTest {

  /** {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}, PKCS#8 DER. */
  static final String PKCS8 =
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgD/qs7um4ef8NtIyHedd5dw59tk+o4ens6Kgd8aMqUZWhRANCAAS2NPL7Ch5aWZ8DpikQIT41oi5Fw1UfGDdeqR+rqiSXx31RsgtDTp+A3AZDoZoZVX05xyYzJXQDx9VF8JABA4mL";

  /** Its public key as {@code openssl pkey -pubout} writes it. */
  static final String SPKI =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtjTy+woeWlmfA6YpECE+NaIuRcNVHxg3Xqkfq6okl8d9UbILQ06fgNwGQ6GaGVV9OccmMyV0A8fVRfCQAQOJiw==";

  @Test
  void aConfiguredKeysPublicPartIsComputedAsOpenSslDoes() {
    SigningKey key = SigningKey.fromPkcs8(PKCS8);

    assertThat(Base64.getEncoder().encodeToString(key.publicKey().getEncoded())).isEqualTo(SPKI);
    assertThat(key.sshPub())
        .startsWith("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABB");
  }

  @Test
  void itSignsBase64urlDerEcdsaOverTheDocument() throws Exception {
    for (SigningKey key : new SigningKey[] {SigningKey.fromPkcs8(PKCS8), SigningKey.generate()}) {
      String signature = key.sign("{\"kind\": \"test\"}");
      assertThat(signature).doesNotContain("+", "/");
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key.publicKey());
      verifier.update("{\"kind\": \"test\"}".getBytes());
      assertThat(verifier.verify(Base64.getUrlDecoder().decode(signature))).isTrue();
      assertThat(TuxSuiteSimulatorTest.publicKey(key.sshPub())).isEqualTo(key.publicKey());
    }
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> SigningKey.fromPkcs8("bm90IGEga2V5"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
