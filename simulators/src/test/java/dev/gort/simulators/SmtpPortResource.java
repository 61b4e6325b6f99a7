package dev.gort.simulators;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** GreenMail needs a concrete port: pick a free one for the SMTP sink under test. */
public class SmtpPortResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return Map.of("gort.sim.smtp-port", Integer.toString(socket.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the SMTP sink", e);
    }
  }

  @Override
  public void stop() {}
}
