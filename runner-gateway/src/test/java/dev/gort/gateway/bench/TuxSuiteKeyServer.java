package dev.gort.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import dev.gort.gateway.runner.tuxsuite.OpenSshEcKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.Executors;

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
        ("{\"ssh\": {\"pub\": \""
                + OpenSshEcKey.format((ECPublicKey) KEY.getPublic(), "bench")
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/v1/groups/gort/projects/bench/keys",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
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
}
