package dev.gort.gateway.runner.tuxsuite;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link FakeTuxSuite} for {@code @QuarkusTest}s, the gateway's tuxsuite runner configured
 * against it (group gort, project lab, its token, a kernel default, the key fetched again at once
 * after a failed signature). Tests reach it over HTTP only (at {@code
 * gort.runner.tuxsuite.api-url}; its {@code /_fake/…} hooks), and sign with {@link
 * TuxSuiteSigning}'s fixed keys.
 */
public class FakeTuxSuiteResource implements QuarkusTestResourceLifecycleManager {

  private FakeTuxSuite tux;

  @Override
  public Map<String, String> start() {
    tux = FakeTuxSuite.start();
    return Map.of(
        "gort.runner.tuxsuite.api-url", tux.apiUrl(),
        "gort.runner.tuxsuite.token", FakeTuxSuite.TOKEN,
        "gort.runner.tuxsuite.group", "gort",
        "gort.runner.tuxsuite.project", "lab",
        "gort.runner.tuxsuite.kernel", "https://storage.tuxboot.com/x86_64/bzImage",
        "gort.runner.tuxsuite.git-repo", "https://git.kernel.org/linux.git",
        "gort.runner.tuxsuite.key-refetch-interval", "PT0S");
  }

  @Override
  public void stop() {
    if (tux != null) {
      tux.close();
    }
  }
}
