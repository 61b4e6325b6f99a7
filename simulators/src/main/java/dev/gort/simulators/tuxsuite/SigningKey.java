package dev.gort.simulators.tuxsuite;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A TuxSuite project's callback key pair: signs a callback document as TuxSuite does (ECDSA P-256
 * over SHA-256, the DER signature base64url) and shows its public part as an OpenSSH {@code
 * ecdsa-sha2-nistp256} line, TuxSuite's {@code /keys} {@code ssh.pub}. The public point of a
 * configured private key is computed from it (Q = dG), since PKCS#8 need not carry it.
 */
final class SigningKey {

  private static final ECParameterSpec P256;

  static {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      P256 = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeyPair pair;
  private final String sshPub;

  private SigningKey(KeyPair pair) {
    this.pair = pair;
    this.sshPub = openSsh((ECPublicKey) pair.getPublic(), "gort-sim-tuxsuite");
  }

  static SigningKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new SigningKey(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param pkcs8Base64 an EC P-256 private key, PKCS#8 DER, base64
   * @throws IllegalArgumentException it is no such key
   */
  static SigningKey fromPkcs8(String pkcs8Base64) {
    try {
      ECPrivateKey key =
          (ECPrivateKey)
              KeyFactory.getInstance("EC")
                  .generatePrivate(
                      new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64.trim())));
      if (!key.getParams().getCurve().equals(P256.getCurve())) {
        throw new IllegalArgumentException("the key is not on P-256");
      }
      ECPoint q = multiply(P256.getGenerator(), key.getS());
      ECPublicKey pub =
          (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, P256));
      return new SigningKey(new KeyPair(pub, key));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not an EC P-256 PKCS#8 key: " + e.getMessage());
    }
  }

  ECPublicKey publicKey() {
    return (ECPublicKey) pair.getPublic();
  }

  /** {@code ecdsa-sha2-nistp256 AAAA… gort-sim-tuxsuite}. */
  String sshPub() {
    return sshPub;
  }

  /** The {@code x-tux-payload-signature} of {@code document}. */
  String sign(String document) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(document.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a callback", e);
    }
  }

  static String openSsh(ECPublicKey key, String comment) {
    byte[] q = new byte[65];
    q[0] = 0x04;
    fixed(key.getW().getAffineX(), q, 1);
    fixed(key.getW().getAffineY(), q, 33);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    string(blob, "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII));
    string(blob, "nistp256".getBytes(StandardCharsets.US_ASCII));
    string(blob, q);
    return "ecdsa-sha2-nistp256 "
        + Base64.getEncoder().encodeToString(blob.toByteArray())
        + " "
        + comment;
  }

  private static void string(ByteArrayOutputStream out, byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
  }

  private static void fixed(BigInteger value, byte[] into, int offset) {
    byte[] bytes = value.toByteArray();
    int start = Math.max(0, bytes.length - 32);
    int length = bytes.length - start;
    System.arraycopy(bytes, start, into, offset + 32 - length, length);
  }

  // affine double-and-add on P-256: once per key, so speed and constant time do not matter here
  private static ECPoint multiply(ECPoint point, BigInteger k) {
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = point;
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend);
      }
      addend = add(addend, addend);
    }
    return result;
  }

  private static ECPoint add(ECPoint a, ECPoint b) {
    if (a.equals(ECPoint.POINT_INFINITY)) {
      return b;
    }
    if (b.equals(ECPoint.POINT_INFINITY)) {
      return a;
    }
    BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
    BigInteger lambda;
    if (a.equals(b)) {
      if (a.getAffineY().signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      BigInteger x2 = a.getAffineX().pow(2).multiply(BigInteger.valueOf(3));
      lambda =
          x2.add(P256.getCurve().getA()).multiply(a.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
    } else {
      if (a.getAffineX().equals(b.getAffineX())) {
        return ECPoint.POINT_INFINITY;
      }
      lambda =
          b.getAffineY()
              .subtract(a.getAffineY())
              .multiply(b.getAffineX().subtract(a.getAffineX()).modInverse(p))
              .mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(a.getAffineX()).subtract(b.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(a.getAffineX().subtract(x)).subtract(a.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }
}
