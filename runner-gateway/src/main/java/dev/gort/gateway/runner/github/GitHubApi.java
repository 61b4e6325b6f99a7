package dev.gort.gateway.runner.github;

import dev.gort.gateway.runner.RunnerApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST API as the runner calls it: the token as {@code Authorization: Bearer}, {@code
 * Accept: application/vnd.github+json}, {@code X-GitHub-Api-Version: 2022-11-28} (docs.github.com,
 * "Getting started with the REST API"); errors say why in {@code message}.
 */
final class GitHubApi {

  static final String API_VERSION = "2022-11-28";

  private GitHubApi() {}

  static RunnerApi client(
      String apiUrl, String token, Duration connectTimeout, Duration readTimeout) {
    return new RunnerApi(
        "GitHub",
        apiUrl,
        Map.of(
            "Authorization",
            "Bearer " + token,
            "Accept",
            "application/vnd.github+json",
            "X-GitHub-Api-Version",
            API_VERSION),
        connectTimeout,
        readTimeout,
        List.of("message"));
  }
}
