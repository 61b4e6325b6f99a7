package dev.gort.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A free loopback port for a test's own server (a results host, a webhook receiver), allow-listed
 * for the outbound guard before the service starts: that one port only, so every other loopback
 * port stays refused. The port is config {@code portProperty}, for the test to listen on.
 */
public abstract class AllowListedPort implements QuarkusTestResourceLifecycleManager {

  private final String portProperty;

  protected AllowListedPort(String portProperty) {
    this.portProperty = portProperty;
  }

  @Override
  public Map<String, String> start() {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for " + portProperty, e);
    }
    Map<String, String> config = new HashMap<>(alsoFor(port));
    config.put("gort.outbound.allow", "127.0.0.1:" + port);
    config.put(portProperty, Integer.toString(port));
    return config;
  }

  /** More configuration that depends on the port (a URL on it); none by default. */
  protected Map<String, String> alsoFor(int port) {
    return Map.of();
  }

  @Override
  public void stop() {}
}
