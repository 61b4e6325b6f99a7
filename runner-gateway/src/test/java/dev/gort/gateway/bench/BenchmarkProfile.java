package dev.gort.gateway.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Every runner configured, with the secrets the benchmark signs with; logs at WARN. */
public class BenchmarkProfile implements QuarkusTestProfile {

  static final String GITHUB_WEBHOOK_SECRET = "bench-webhook-secret";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gort.runner.github-actions.token", "bench-token",
        "gort.runner.github-actions.webhook-secret", GITHUB_WEBHOOK_SECRET,
        "gort.runner.github-actions.repository", "octo-org/experiments",
        "gort.runner.github-actions.workflow", "gort.yml",
        "quarkus.log.category.\"dev.gort\".level", "WARN");
  }
}
