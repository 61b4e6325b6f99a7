package dev.gort.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/**
 * The one TuxSuite endpoint the benchmark's callbacks need: the project's {@code /keys}, serving
 * {@link #KEY}'s public half as OpenSSH {@code ecdsa-sha2-nistp256}; the gateway fetches it once.
 */
public class TuxSuiteKeyServer implements QuarkusTestResourceLifecycleManager {

  static final KeyPair KEY = generate();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] keys =
        ("{\"ssh\": {\"pub\": \"" + openSsh((ECPublicKey) KEY.getPublic()) + " bench\"}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/v1/groups/gort/projects/bench/keys",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    server.start();
    return Map.of(
        "gort.runner.tuxsuite.api-url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "gort.runner.tuxsuite.token",
        "bench-token",
        "gort.runner.tuxsuite.group",
        "gort",
        "gort.runner.tuxsuite.project",
        "bench");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 5656's wire format: string type, string curve, string Q (0x04 || X || Y). */
  private static String openSsh(ECPublicKey key) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      writeString(out, "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII));
      writeString(out, "nistp256".getBytes(StandardCharsets.US_ASCII));
      byte[] q = new byte[65];
      q[0] = 4;
      copy(key.getW().getAffineX(), q, 1);
      copy(key.getW().getAffineY(), q, 33);
      writeString(out, q);
      return "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private static void copy(BigInteger n, byte[] into, int at) {
    byte[] raw = n.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, into, at + 32 - length, length);
  }
}
