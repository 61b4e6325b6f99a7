package dev.gort.provisioner.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server answering as OpenStack's APIs do, laid out as the simulator is (identity {@code
 * /identity/v3}, image {@code /image}, compute {@code /compute/v2.1}, network {@code /networking},
 * reservation {@code /reservation/v1}), from scripted answers per "METHOD path" (the path without
 * its query), each used once, the last one repeating; records every request. Keystone answers by
 * default with a token {@code token-<n>} whose catalog names every service.
 */
final class FakeOpenStack implements AutoCloseable {

  /** One request as it arrived. */
  record Request(
      String method, String path, String query, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** One scripted answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }

    static Answer empty(int status) {
      return new Answer(status, Map.of(), "");
    }
  }

  static final String PROJECT_ID = "3f7b2c1d9a8e4f60b1c2d3e4f5a6b7c8";

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private volatile Instant tokenExpiry = Instant.now().plusSeconds(3600);
  private volatile List<String> catalogTypes =
      List.of("identity", "image", "compute", "network", "reservation");

  private FakeOpenStack(HttpServer server) {
    this.server = server;
  }

  static FakeOpenStack start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeOpenStack cloud = new FakeOpenStack(server);
      server.createContext("/", cloud::handle);
      server.start();
      return cloud;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String authUrl() {
    return baseUrl() + "/identity/v3";
  }

  FakeOpenStack tokenExpiry(Instant expiry) {
    this.tokenExpiry = expiry;
    return this;
  }

  FakeOpenStack catalog(String... types) {
    this.catalogTypes = List.of(types);
    return this;
  }

  synchronized FakeOpenStack on(String method, String path, Answer... next) {
    answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(next));
    return this;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  List<Request> requests(String method, String path) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  Request only(String method, String path) {
    List<Request> matching = requests(method, path);
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one " + method + " " + path + ", got " + matching.size() + ": " + requests());
    }
    return matching.get(0);
  }

  int tokensIssued() {
    return tokens.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(), headers, body));
    Answer answer = next(method + " " + path);
    if (answer == null && method.equals("POST") && path.equals("/identity/v3/auth/tokens")) {
      answer = token();
    }
    if (answer == null) {
      answer =
          Answer.json(
              404,
              "{\"itemNotFound\": {\"code\": 404, \"message\": \"Not found: "
                  + method
                  + " "
                  + path
                  + "\"}}");
    }
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
      return null;
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  /**
   * Keystone's 201: the token id in X-Subject-Token, the catalog in the body (keystone api-ref).
   */
  private Answer token() {
    int n = tokens.incrementAndGet();
    String paths =
        """
        identity=/identity/v3 image=/image compute=/compute/v2.1 network=/networking \
        reservation=/reservation/v1""";
    Map<String, String> pathOf = new LinkedHashMap<>();
    for (String pair : paths.split(" ")) {
      String[] kv = pair.split("=");
      pathOf.put(kv[0], kv[1]);
    }
    StringBuilder catalog = new StringBuilder();
    for (String type : catalogTypes) {
      if (catalog.length() > 0) {
        catalog.append(',');
      }
      catalog.append(
          """
          {"type": "%s", "name": "%s", "id": "svc-%s", "endpoints": [
            {"id": "ep-%s-admin", "interface": "admin", "region": "RegionOne",
             "region_id": "RegionOne", "url": "http://192.0.2.1:9999%s"},
            {"id": "ep-%s", "interface": "public", "region": "RegionOne",
             "region_id": "RegionOne", "url": "%s%s"}]}"""
              .formatted(
                  type, type, type, type, pathOf.get(type), type, baseUrl(), pathOf.get(type)));
    }
    String body =
        """
        {"token": {"methods": ["password"], "expires_at": "%s", "issued_at": "%s",
          "audit_ids": ["aud-%d"],
          "user": {"id": "user-1", "name": "gort", "domain": {"id": "default", "name": "Default"},
                   "password_expires_at": null},
          "project": {"id": "%s", "name": "gort", "domain": {"id": "default", "name": "Default"}},
          "roles": [{"id": "role-1", "name": "member"}],
          "is_domain": false,
          "catalog": [%s]}}"""
            .formatted(
                keystoneDate(tokenExpiry), keystoneDate(Instant.now()), n, PROJECT_ID, catalog);
    return new Answer(
        201, Map.of("Content-Type", "application/json", "X-Subject-Token", "token-" + n), body);
  }

  /** Keystone writes microseconds: {@code 2026-12-03T10:00:00.000000Z}. */
  static String keystoneDate(Instant instant) {
    String seconds = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return seconds.substring(0, seconds.length() - 1) + ".000000Z";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
