package dev.gort.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON-over-HTTP client for driving the stack the way a user's tools would. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + raw.body(), e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private Http() {}

  /** Whose bearer token a request carries when it names none: the operator, by default. */
  private static volatile Session signedIn = new Session(null);

  static void signInAs(String token) {
    signedIn = new Session(token);
  }

  /** Requests carrying {@code token}. */
  static Session as(String token) {
    return new Session(token);
  }

  /** Requests carrying no token. */
  static Session anonymous() {
    return new Session(null);
  }

  /** Requests as one caller: its bearer token (none when null) on every request. */
  record Session(String token) {

    Answer get(String url) {
      return send(authorized(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    Answer post(String url, String body) {
      return post(url, body, Map.of());
    }

    Answer post(String url, String body, Map<String, String> headers) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .POST(
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return send(authorized(b));
    }

    Answer put(String url, String body) {
      return send(
          authorized(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body))));
    }

    Answer delete(String url) {
      return send(authorized(HttpRequest.newBuilder(URI.create(url)).DELETE()));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
      return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
  }

  static Answer get(String url) {
    return signedIn.get(url);
  }

  static Answer post(String url, String body) {
    return signedIn.post(url, body);
  }

  static Answer post(String url, String body, Map<String, String> headers) {
    return signedIn.post(url, body, headers);
  }

  static Answer put(String url, String body) {
    return signedIn.put(url, body);
  }

  static Answer delete(String url) {
    return signedIn.delete(url);
  }

  /** POSTs a form ({@code application/x-www-form-urlencoded}), as an OAuth client does. */
  static Answer postForm(String url, Map<String, String> fields) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formBody(fields))));
  }

  /** Fields as an {@code application/x-www-form-urlencoded} body. */
  static String formBody(Map<String, String> fields) {
    StringBuilder form = new StringBuilder();
    fields.forEach(
        (name, value) ->
            form.append(form.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(
                    java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
    return form.toString();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new AssertionError("HTTP call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
