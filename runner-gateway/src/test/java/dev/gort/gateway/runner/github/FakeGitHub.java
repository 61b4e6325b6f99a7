package dev.gort.gateway.runner.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server answering as GitHub's REST API does, from scripted answers per "METHOD path"
 * (the path without its query), each used once, the last one repeating; records every request.
 */
final class FakeGitHub implements AutoCloseable {

  /** One request as it arrived. */
  record Request(
      String method, String path, String query, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** One scripted answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    static Answer empty(int status) {
      return new Answer(status, Map.of(), "");
    }

    Answer with(String header, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(header, value);
      return new Answer(status, more, body);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeGitHub(HttpServer server) {
    this.server = server;
  }

  static FakeGitHub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeGitHub github = new FakeGitHub(server);
      server.createContext("/", github::handle);
      server.start();
      return github;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API root, as GitHub Enterprise Server serves it. */
  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  synchronized FakeGitHub on(String method, String path, Answer... next) {
    answers
        .computeIfAbsent(method + " /api/v3" + path, k -> new ArrayDeque<>())
        .addAll(List.of(next));
    return this;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  List<Request> requests(String method, String path) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals("/api/v3" + path))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getRawQuery(),
            headers,
            body));
    Answer answer = next(exchange.getRequestMethod() + " " + path);
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private synchronized Answer next(String key) {
    Deque<Answer> queue = answers.get(key);
    if (queue == null || queue.isEmpty()) {
      return Answer.json(404, GitHubFixtures.NOT_FOUND);
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
