package dev.gort.gateway.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.Untrusted;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runner's REST API as its {@link Runner} calls it: the runner's own headers (its token among
 * them) on every request; connect and response timeouts; no redirects (the token goes nowhere
 * else); a response body read up to a cap. Answers every status; only a network failure or a
 * timeout throws, as {@link RunnerUnavailableException}.
 */
public final class RunnerApi {

  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String root;
  private final Map<String, String> headers;
  private final Duration readTimeout;
  private final List<String> messageFields;
  private final HttpClient http;

  /**
   * @param name the runner's service as messages name it ({@code GitHub})
   * @param headers sent with every request
   * @param messageFields where an error answer's message is, first found wins
   */
  public RunnerApi(
      String name,
      String apiUrl,
      Map<String, String> headers,
      Duration connectTimeout,
      Duration readTimeout,
      List<String> messageFields) {
    this.name = name;
    this.root = apiUrl.replaceAll("/+$", "");
    this.headers = Map.copyOf(headers);
    this.readTimeout = readTimeout;
    this.messageFields = List.copyOf(messageFields);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A response: its status, headers and body (cut at the cap). */
  public record Answer(int status, HttpHeaders headers, byte[] body, List<String> messageFields) {

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body as JSON, or null when it is none. */
    public JsonNode json() {
      try {
        return body.length == 0 ? null : JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    /** The runner's error message, escaped and bounded for a log line or a reason. */
    public String message() {
      JsonNode json = json();
      if (json == null || !json.isObject()) {
        return "(no message)";
      }
      for (String field : messageFields) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNull()) {
          return Untrusted.escape(value.isTextual() ? value.asText() : value.toString(), 200);
        }
      }
      return "(no message)";
    }

    public boolean is(int expected) {
      return status == expected;
    }

    public boolean ok() {
      return status / 100 == 2;
    }
  }

  /** The absolute URL of {@code path}. */
  public String url(String path) {
    return root + path;
  }

  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  public Answer post(String path, byte[] json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build());
  }

  public Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path))
            .timeout(readTimeout)
            .header("User-Agent", "gort-runner-gateway");
    headers.forEach(request::header);
    return request;
  }

  /**
   * Sends {@code request} and reads its answer within the read timeout, all of it: a runner that
   * sends its headers and then stalls in the body is as unavailable as one that does not answer.
   */
  private Answer send(HttpRequest request) {
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(request, info -> new CappedBody(MAX_RESPONSE_BYTES));
    try {
      HttpResponse<byte[]> response = call.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(response.statusCode(), response.headers(), response.body(), messageFields);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw notAnswered(request, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw notAnswered(request, cause);
      }
      throw new RunnerUnavailableException(
          name + " cannot be reached: " + cause.getClass().getSimpleName(), cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new RunnerUnavailableException("interrupted while calling " + name, e);
    }
  }

  private RunnerUnavailableException notAnswered(HttpRequest request, Throwable cause) {
    return new RunnerUnavailableException(
        name + " did not answer " + request.method() + " within " + readTimeout, cause);
  }
}
