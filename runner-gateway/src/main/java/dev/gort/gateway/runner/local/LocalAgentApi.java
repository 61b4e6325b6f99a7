package dev.gort.gateway.runner.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The local runner agent's API as the gateway calls it: the token as {@code Authorization: Bearer},
 * connect and response timeouts, no redirects (the token goes nowhere else), a response body read
 * up to a cap. Answers every status; only a network failure or a timeout throws.
 */
final class LocalAgentApi {

  static final int MAX_RESPONSE_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final String token;
  private final Duration readTimeout;
  private final HttpClient http;

  /** A response: its status, Retry-After and body (cut at the cap). */
  record Answer(int status, String retryAfter, byte[] body) {

    JsonNode json() {
      try {
        return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
      } catch (IOException e) {
        return JSON.missingNode();
      }
    }

    /** The problem's detail (or the status), escaped and bounded for a reason. */
    String detail() {
      String detail = json().path("detail").asText(null);
      return detail == null ? "status " + status : Untrusted.escape(detail, 300);
    }
  }

  LocalAgentApi(String root, String token, Duration connectTimeout, Duration readTimeout) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.token = token;
    this.readTimeout = readTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Answer get(String path) throws IOException {
    return send(request(path).GET());
  }

  Answer post(String path, Object body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(root + path))
        .timeout(readTimeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private Answer send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES);
      }
      return new Answer(
          response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), body);
    } catch (HttpTimeoutException e) {
      throw new IOException("the agent did not answer within " + readTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
