package dev.gort.gateway.runner.tuxsuite;

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
 * TuxSuite's REST API as the runner calls it: the token as {@code Authorization: <token>} (no
 * scheme, as the tuxsuite Python client sends it); connect and response timeouts; no redirects (the
 * token goes nowhere else); a response body read up to a cap. Answers every status; only a network
 * failure or a timeout throws.
 */
final class TuxSuiteApi {

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

    /** TuxSuite's error ({@code error} or {@code detail}), escaped and bounded. */
    String message() {
      JsonNode json = json();
      if (json == null || !json.isObject()) {
        return "(no message)";
      }
      for (String field : new String[] {"error", "detail", "message", "status_message"}) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNull()) {
          return Untrusted.escape(value.isTextual() ? value.asText() : value.toString(), 200);
        }
      }
      return "(no message)";
    }

    boolean is(int expected) {
      return status == expected;
    }

    boolean ok() {
      return status / 100 == 2;
    }
  }

  TuxSuiteApi(String apiUrl, String token, Duration connectTimeout, Duration readTimeout) {
    this.root = apiUrl.replaceAll("/+$", "");
    this.token = token;
    this.readTimeout = readTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The absolute URL of {@code path}. */
  String url(String path) {
    return root + path;
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
        .header("Authorization", token)
        .header("Accept", "application/json")
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
          "TuxSuite did not answer " + request.method() + " within " + readTimeout, e);
    } catch (IOException e) {
      throw new RunnerUnavailableException(
          "TuxSuite cannot be reached: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerUnavailableException("interrupted while calling TuxSuite", e);
    }
  }
}
