package dev.gort.localrunner.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points the agent at the {@link GatewayStub} and a fresh work directory. */
public class AgentResource implements QuarkusTestResourceLifecycleManager {

  private static Path workDir;

  public static synchronized Path workDir() {
    if (workDir == null) {
      try {
        workDir = Files.createTempDirectory("gort-local-runner-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return workDir;
  }

  @Override
  public Map<String, String> start() {
    return Map.of(
        "gort.local-runner.gateway-url", GatewayStub.get().origin(),
        "gort.local-runner.work-dir", workDir().toString());
  }

  @Override
  public void stop() {}
}
