package dev.gort.gateway.runner.tuxsuite;

import dev.gort.gateway.runner.RunnerApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * TuxSuite's REST API as the runner calls it: the token as {@code Authorization: <token>} (no
 * scheme, as the tuxsuite Python client sends it); errors say why in {@code error}, {@code detail},
 * {@code message} or {@code status_message}.
 */
final class TuxSuiteApi {

  private TuxSuiteApi() {}

  static RunnerApi client(
      String apiUrl, String token, Duration connectTimeout, Duration readTimeout) {
    return new RunnerApi(
        "TuxSuite",
        apiUrl,
        Map.of("Authorization", token, "Accept", "application/json"),
        connectTimeout,
        readTimeout,
        List.of("error", "detail", "message", "status_message"));
  }
}
