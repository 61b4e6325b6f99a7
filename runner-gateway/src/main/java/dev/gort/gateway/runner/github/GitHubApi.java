package dev.gort.gateway.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.RunnerUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * GitHub's REST API as the runner calls it: the token as {@code Authorization: Bearer}, {@code
 * Accept: application/vnd.github+json}, {@code X-GitHub-Api-Version: 2022-11-28} (docs.github.com,
 * "Getting started with the REST API"); connect and response timeouts; no redirects (the token goes
 * nowhere else); a response body read up to a cap. Answers every status; only a network failure or
 * a timeout throws.
 */
final class GitHubApi {

  static final String API_VERSION = "2022-11-28";
  static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final String token;
  private final Duration readTimeout;
  private final HttpClient http;

  /** A response: its status, headers and body (cut at the cap). */
  record Answer(int status, HttpHeaders headers, byte[] body) {

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body as JSON, or null when it is none. */
    JsonNode json() {
      try {
        return body.length == 0 ? null : JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    /** GitHub's error {@code message}, escaped and bounded for a log line or a reason. */
    String message() {
      JsonNode json = json();
      String message = json == null ? null : json.path("message").asText(null);
      return message == null ? "(no message)" : Untrusted.escape(message, 200);
    }

    boolean is(int expected) {
      return status == expected;
    }
  }

  GitHubApi(String apiUrl, String token, Duration connectTimeout, Duration readTimeout) {
    this.root = apiUrl.replaceAll("/+$", "");
    this.token = token;
    this.readTimeout = readTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  Answer post(String path, byte[] json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build());
  }

  Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(root + path))
        .timeout(readTimeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION)
        .header("User-Agent", "gort-runner-gateway");
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES);
      }
      return new Answer(response.statusCode(), response.headers(), body);
    } catch (HttpTimeoutException e) {
      throw new RunnerUnavailableException(
          "GitHub did not answer " + request.method() + " within " + readTimeout, e);
    } catch (IOException e) {
      throw new RunnerUnavailableException(
          "GitHub cannot be reached: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerUnavailableException("interrupted while calling GitHub", e);
    }
  }
}
