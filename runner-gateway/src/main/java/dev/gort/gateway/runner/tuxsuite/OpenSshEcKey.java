package dev.gort.gateway.runner.tuxsuite;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH {@code ecdsa-sha2-nistp256} public key line ({@code ecdsa-sha2-nistp256 AAAA…
 * comment}) as a Java EC key: the base64 blob is SSH wire format (RFC 4251 {@code string}s: the key
 * type, the curve name {@code nistp256}, the point {@code Q}) and {@code Q} is an uncompressed SEC
 * 1 point ({@code 0x04 || X || Y}, 32 bytes each), RFC 5656 section 3.1. TuxSuite serves its
 * projects' callback keys this way ({@code GET …/keys} → {@code ssh.pub}).
 */
public final class OpenSshEcKey {

  static final String TYPE = "ecdsa-sha2-nistp256";
  static final String CURVE = "nistp256";
  private static final int COORDINATE = 32;
  private static final int MAX_LINE = 8 * 1024;

  private static final ECParameterSpec P256;

  static {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      P256 = parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private OpenSshEcKey() {}

  /**
   * @throws IllegalArgumentException the line is no {@code ecdsa-sha2-nistp256} key, or its point
   *     is not on P-256
   */
  public static ECPublicKey parse(String line) {
    if (line == null || line.isBlank() || line.length() > MAX_LINE) {
      throw new IllegalArgumentException("no OpenSSH public key");
    }
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 2 || !TYPE.equals(parts[0])) {
      throw new IllegalArgumentException("not an " + TYPE + " key");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key's blob is not base64");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob))) {
      String type = new String(string(in), StandardCharsets.US_ASCII);
      String curve = new String(string(in), StandardCharsets.US_ASCII);
      byte[] q = string(in);
      if (!TYPE.equals(type) || !CURVE.equals(curve)) {
        throw new IllegalArgumentException("the key's blob is not an " + TYPE + " key");
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("trailing bytes after the key's point");
      }
      if (q.length != 1 + 2 * COORDINATE || q[0] != 0x04) {
        throw new IllegalArgumentException("the key's point is not an uncompressed P-256 point");
      }
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + COORDINATE));
      BigInteger y = new BigInteger(1, Arrays.copyOfRange(q, 1 + COORDINATE, q.length));
      if (!onCurve(x, y)) {
        throw new IllegalArgumentException("the key's point is not on P-256");
      }
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    } catch (IOException e) {
      throw new IllegalArgumentException("the key's blob is cut short");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key's point is not on P-256");
    }
  }

  /** The key as an OpenSSH public key line, {@code ecdsa-sha2-nistp256 AAAA… comment}. */
  public static String format(ECPublicKey key, String comment) {
    byte[] q = new byte[1 + 2 * COORDINATE];
    q[0] = 0x04;
    fixed(key.getW().getAffineX(), q, 1);
    fixed(key.getW().getAffineY(), q, 1 + COORDINATE);
    java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
    writeString(blob, TYPE.getBytes(StandardCharsets.US_ASCII));
    writeString(blob, CURVE.getBytes(StandardCharsets.US_ASCII));
    writeString(blob, q);
    String line = TYPE + " " + Base64.getEncoder().encodeToString(blob.toByteArray());
    return comment == null || comment.isBlank() ? line : line + " " + comment;
  }

  /** y² = x³ + ax + b (mod p), with x and y below p: the JDK's KeyFactory does not check it. */
  private static boolean onCurve(BigInteger x, BigInteger y) {
    java.security.spec.ECFieldFp field = (java.security.spec.ECFieldFp) P256.getCurve().getField();
    BigInteger p = field.getP();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
    return left.equals(right);
  }

  private static byte[] string(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("string longer than the blob");
    }
    return in.readNBytes(length);
  }

  private static void writeString(java.io.ByteArrayOutputStream out, byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
  }

  private static void fixed(BigInteger value, byte[] into, int offset) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > COORDINATE ? bytes.length - COORDINATE : 0;
    int length = bytes.length - start;
    System.arraycopy(bytes, start, into, offset + COORDINATE - length, length);
  }
}
