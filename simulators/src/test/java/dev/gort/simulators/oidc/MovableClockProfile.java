package dev.gort.simulators.oidc;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

/**
 * The simulators with {@link MovableClock} as their clock, on a free port that is also their public
 * URL, so the endpoints the discovery document names are the ones under test (a client that follows
 * them, like the command line, reaches this instance).
 */
public class MovableClockProfile implements QuarkusTestProfile {

  private static final int PORT = freePort();

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(MovableClock.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.http.test-port",
        String.valueOf(PORT),
        "gort.sim.public-url",
        "http://127.0.0.1:" + PORT);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
