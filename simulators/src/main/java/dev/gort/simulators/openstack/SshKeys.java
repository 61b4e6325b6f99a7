package dev.gort.simulators.openstack;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key pairs as Nova makes them: an RSA key whose private part is PEM PKCS#1 ({@code -----BEGIN RSA
 * PRIVATE KEY-----}, what Nova's {@code crypto.generate_key_pair} writes and {@code ssh -i} reads),
 * its public part an OpenSSH line, and the fingerprint Nova shows: MD5 of the public key blob, as
 * colon-separated hex.
 */
final class SshKeys {

  private static final Set<String> KEY_TYPES =
      Set.of(
          "ssh-rsa",
          "ssh-ed25519",
          "ssh-dss",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521");

  private SshKeys() {}

  /** A generated key: the OpenSSH public line, the PEM private key, the fingerprint. */
  record Generated(String publicKey, String privateKey, String fingerprint) {}

  static Generated generate(String comment, int bits) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    string(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    string(blob, pub.getPublicExponent().toByteArray());
    string(blob, pub.getModulus().toByteArray());
    byte[] publicBlob = blob.toByteArray();
    String publicLine =
        "ssh-rsa " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment + "\n";
    String pem =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pkcs1(pair.getPrivate().getEncoded()))
            + "\n-----END RSA PRIVATE KEY-----\n";
    return new Generated(publicLine, pem, fingerprint(publicBlob));
  }

  /**
   * The fingerprint of an OpenSSH public key line ({@code <type> <base64> [comment]}).
   *
   * @throws IllegalArgumentException it is not one
   */
  static String fingerprint(String publicKeyLine) {
    String[] parts = publicKeyLine.trim().split("\\s+");
    if (parts.length < 2 || !KEY_TYPES.contains(parts[0])) {
      throw new IllegalArgumentException("not an OpenSSH public key");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not base64");
    }
    if (blob.length < 4) {
      throw new IllegalArgumentException("the key is too short");
    }
    int typeLength = ByteBuffer.wrap(blob, 0, 4).getInt();
    if (typeLength != parts[0].length()
        || blob.length < 4 + typeLength
        || !parts[0].equals(new String(blob, 4, typeLength, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("the key's type does not match its data");
    }
    return fingerprint(blob);
  }

  private static String fingerprint(byte[] blob) {
    try {
      return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The RSAPrivateKey (PKCS#1) inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER version, SEQUENCE
   * algorithm, OCTET STRING privateKey }.
   */
  static byte[] pkcs1(byte[] pkcs8) {
    int[] at = {0};
    expect(pkcs8, at, 0x30);
    length(pkcs8, at);
    expect(pkcs8, at, 0x02);
    skip(pkcs8, at);
    expect(pkcs8, at, 0x30);
    skip(pkcs8, at);
    expect(pkcs8, at, 0x04);
    int n = length(pkcs8, at);
    return Arrays.copyOfRange(pkcs8, at[0], at[0] + n);
  }

  private static void expect(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected PKCS#8 structure");
    }
  }

  private static void skip(byte[] der, int[] at) {
    int n = length(der, at);
    at[0] += n;
  }

  private static int length(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      n = (n << 8) | (der[at[0]++] & 0xff);
    }
    return n;
  }

  private static void string(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
    out.writeBytes(value);
  }

  /** For tests: the modulus of a PEM PKCS#1 key is positive and as long as asked. */
  static BigInteger modulusOf(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    int[] at = {0};
    expect(der, at, 0x30);
    length(der, at);
    expect(der, at, 0x02);
    skip(der, at);
    expect(der, at, 0x02);
    int n = length(der, at);
    return new BigInteger(Arrays.copyOfRange(der, at[0], at[0] + n));
  }
}
