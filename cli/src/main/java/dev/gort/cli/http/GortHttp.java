package dev.gort.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command line's one way to a server: JSON over HTTP with timeouts, a bearer token when given,
 * connection failures as "server unreachable" and refusals through {@link ServerAnswers}. Bodies
 * and tokens are never printed.
 */
public final class GortHttp {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;

  public GortHttp() {
    this(
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  GortHttp(HttpClient client) {
    this.client = client;
  }

  public Answer get(String what, URI url, Optional<String> bearer) {
    return send(what, request(url, bearer).GET().build());
  }

  public Answer postJson(String what, URI url, Optional<String> bearer, Object body) {
    return postJson(what, url, bearer, body, Map.of());
  }

  /** A POST of {@code body} as JSON, with {@code headers} besides (an {@code Idempotency-Key}). */
  public Answer postJson(
      String what, URI url, Optional<String> bearer, Object body, Map<String, String> headers) {
    String json;
    try {
      json = Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body is not JSON", e);
    }
    return postJsonText(what, url, bearer, json, headers);
  }

  /** A POST of JSON text as it is (a file's document, sent byte for byte). */
  public Answer postJsonText(
      String what, URI url, Optional<String> bearer, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(url, bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(what, request.build());
  }

  public Answer delete(String what, URI url, Optional<String> bearer) {
    return send(what, request(url, bearer).DELETE().build());
  }

  public Answer postForm(String what, URI url, Map<String, String> form) {
    return send(what, formRequest(url, form));
  }

  /** Like {@link #postForm} but hands back a refusal too (OAuth polling reads its error codes). */
  public Answer postFormAnyStatus(String what, URI url, Map<String, String> form) {
    HttpResponse<String> response = exchange(what, formRequest(url, form));
    return new Answer(
        response.statusCode(), response.headers(), Json.parseLenient(response.body()));
  }

  private static HttpRequest formRequest(URI url, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return request(url, Optional.empty())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest.Builder request(URI url, Optional<String> bearer) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder;
  }

  private Answer send(String what, HttpRequest request) {
    HttpResponse<String> response = exchange(what, request);
    int status = response.statusCode();
    if (status >= 400) {
      throw ServerAnswers.refusal(what, status, Json.parseLenient(response.body()));
    }
    return new Answer(status, response.headers(), Json.parseLenient(response.body()));
  }

  private HttpResponse<String> exchange(String what, HttpRequest request) {
    URI url = request.uri();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw CliFailure.unreachable(
          what + ": server unreachable at " + origin(url) + " (is the stack running?)", e);
    } catch (HttpTimeoutException e) {
      throw CliFailure.unreachable(
          what
              + ": no answer from "
              + origin(url)
              + " within "
              + REQUEST_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (IOException e) {
      throw CliFailure.unreachable(
          what + ": the connection to " + origin(url) + " failed (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.RUN_FAILED, what + ": interrupted");
    }
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getAuthority();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
