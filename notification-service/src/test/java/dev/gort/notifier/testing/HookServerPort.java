package dev.gort.notifier.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The loopback port the tests' webhook server ({@link HookServer}) will listen on, allow-listed for
 * the outbound guard before the notifier starts: that one port only, so every other loopback port
 * stays refused.
 */
public class HookServerPort implements QuarkusTestResourceLifecycleManager {

  public static final String PORT = "gort.test.hook-port";

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = socket.getLocalPort();
      return Map.of("gort.outbound.allow", "127.0.0.1:" + port, PORT, Integer.toString(port));
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the webhook server", e);
    }
  }

  @Override
  public void stop() {}
}
