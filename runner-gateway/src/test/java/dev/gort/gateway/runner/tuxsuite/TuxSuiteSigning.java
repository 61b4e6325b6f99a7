package dev.gort.gateway.runner.tuxsuite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Signs as TuxSuite does, computed here independently of the runner: ECDSA P-256 over SHA-256, the
 * DER signature base64url in {@code x-tux-payload-signature}. Two fixed key pairs (generated with
 * {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}) for tests that run in
 * another class loader than their fake TuxSuite, and fresh ones for the rest.
 */
final class TuxSuiteSigning {

  static final KeyPair FIXED_1 =
      pair(
          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgD/qs7um4ef8NtIyHedd5dw59tk+o4ens6Kgd8aMqUZWhRANCAAS2NPL7Ch5aWZ8DpikQIT41oi5Fw1UfGDdeqR+rqiSXx31RsgtDTp+A3AZDoZoZVX05xyYzJXQDx9VF8JABA4mL",
          "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtjTy+woeWlmfA6YpECE+NaIuRcNVHxg3Xqkfq6okl8d9UbILQ06fgNwGQ6GaGVV9OccmMyV0A8fVRfCQAQOJiw==");
  static final KeyPair FIXED_2 =
      pair(
          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgspdUFhLvFmTLNtyL2QP0yl50Cnmv/w4zCwXQiVlQJVihRANCAAQu2sNtlsLei8tw3ulvYt2ve04aBhWCBppmMBwCGRS1dGByj9YTJI7hJr/gZuzEoAIBjY3KJWOw63b3umbDZqhj",
          "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELtrDbZbC3ovLcN7pb2Ldr3tOGgYVggaaZjAcAhkUtXRgco/WEySO4Sa/4GbsxKACAY2NyiVjsOt297pmw2aoYw==");

  private TuxSuiteSigning() {}

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(PrivateKey key, byte[] signed) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key);
      signer.update(signed);
      return Base64.getUrlEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(KeyPair pair, String signed) {
    return sign(pair.getPrivate(), signed.getBytes(StandardCharsets.UTF_8));
  }

  /** The body TuxSuite POSTs: the document as a JSON string. */
  static String asJsonString(String document) {
    return "\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** {@code GET …/keys}' answer for {@code pair}. */
  static String keys(KeyPair pair) {
    return "{\"ssh\": {\"pub\": \""
        + OpenSshEcKey.format((ECPublicKey) pair.getPublic(), "tuxsuite")
        + "\"}}";
  }

  /** A callback document as TuxSuite's docs show it, with the few values a test varies. */
  static String payload(String kind, String uid, String state, String result) {
    return "{\"kind\": \""
        + kind
        + "\", \"status\": {\"callback\": \"http://gateway.test/cb\", \"device\": \"qemu-x86_64\","
        + " \"download_url\": \"https://storage.tuxsuite.com/public/gort/lab/tests/"
        + uid
        + "/\", \"duration\": 117, \"project\": \"gort/lab\", \"result\": "
        + (result == null ? "null" : "\"" + result + "\"")
        + ", \"results\": {\"boot\": \"pass\"}, \"state\": \""
        + state
        + "\", \"tests\": [\"boot\"], \"uid\": \""
        + uid
        + "\", \"user\": \"gort@example.org\"}}";
  }

  private static KeyPair pair(String pkcs8, String spki) {
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      return new KeyPair(
          factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki))),
          factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
