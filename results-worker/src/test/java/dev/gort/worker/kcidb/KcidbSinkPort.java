package dev.gort.worker.kcidb;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A loopback port for the test's results host and KCIDB, allow-listed for the outbound guard, and
 * the worker told to submit there with a token before it starts.
 */
public class KcidbSinkPort implements QuarkusTestResourceLifecycleManager {

  static final String PORT = "gort.test.kcidb-port";
  static final String TOKEN = "test-kcidb-token";

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = socket.getLocalPort();
      return Map.of(
          "gort.outbound.allow",
          "127.0.0.1:" + port,
          PORT,
          Integer.toString(port),
          "gort.worker.kcidb.submit-url",
          "http://127.0.0.1:" + port + "/submit",
          "gort.worker.kcidb.token",
          TOKEN);
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the KCIDB sink", e);
    }
  }

  @Override
  public void stop() {}
}
