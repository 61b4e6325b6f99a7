package dev.gort.oidc;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The issuer's RSA key: it signs access tokens (RS256) and is published as a JWKS. Its key id is
 * the RFC 7638 thumbprint of the public key, so the same key file always gets the same {@code kid}.
 */
public final class SigningKey {

  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final RSAPrivateKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  private SigningKey(RSAPrivateKey privateKey, RSAPublicKey publicKey, String keyId) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyId;
  }

  /** A fresh 2048-bit key that lives as long as this object. */
  public static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
      return new SigningKey((RSAPrivateKey) pair.getPrivate(), publicKey, thumbprint(publicKey));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no RSA", e);
    }
  }

  /**
   * Reads an unencrypted PKCS#8 PEM file, as {@code openssl genpkey -algorithm RSA} writes it.
   *
   * @throws IllegalArgumentException when the file holds no RSA private key in that form
   */
  public static SigningKey load(Path pemFile) throws IOException {
    String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    try {
      return fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
    }
  }

  /** Parses an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA key. */
  public static SigningKey fromPem(String pem) {
    int begin = pem.indexOf(PEM_BEGIN);
    int end = pem.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "expected an unencrypted PKCS#8 PEM key ("
              + PEM_BEGIN
              + "), e.g. from `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`");
    }
    String body = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new SigningKey(privateKey, publicKey, thumbprint(publicKey));
    } catch (InvalidKeySpecException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an RSA private key in PKCS#8 form", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no RSA", e);
    }
  }

  /**
   * The same key under another key id: for negative tests, a forger's key that claims the real
   * key's {@code kid}.
   */
  public SigningKey withKeyId(String otherKeyId) {
    return new SigningKey(privateKey, publicKey, otherKeyId);
  }

  public String keyId() {
    return keyId;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as a JWK set, {@code {"keys":[{"kid","kty","alg","use","n","e"}]}}. */
  public String jwksJson() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kid", keyId);
    jwk.put("kty", "RSA");
    jwk.put("alg", "RS256");
    jwk.put("use", "sig");
    jwk.put("n", unsigned(publicKey.getModulus()));
    jwk.put("e", unsigned(publicKey.getPublicExponent()));
    return Json.write(Map.of("keys", List.of(jwk)));
  }

  byte[] sign(byte[] signingInput) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(privateKey);
      signature.update(signingInput);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with RS256", e);
    }
  }

  /** Whether {@code signature} is this key's RS256 signature of {@code signingInput}. */
  public boolean verifies(byte[] signingInput, byte[] signature) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(publicKey);
      rs256.update(signingInput);
      return rs256.verify(signature);
    } catch (SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify RS256", e);
    }
  }

  // RFC 7638: SHA-256 over the required members only, in lexicographic order, no whitespace.
  static String thumbprint(RSAPublicKey key) {
    Map<String, String> members = new TreeMap<>();
    members.put("e", unsigned(key.getPublicExponent()));
    members.put("kty", "RSA");
    members.put("n", unsigned(key.getModulus()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(members).getBytes(StandardCharsets.UTF_8));
      return Json.base64Url(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  // JWA (RFC 7518 6.3.1): n and e are unsigned big-endian, without the sign byte Java adds.
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return Json.base64Url(bytes);
  }
}
