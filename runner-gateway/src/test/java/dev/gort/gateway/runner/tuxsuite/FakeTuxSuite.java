package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
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
 * A JDK HTTP server answering as TuxSuite's API does for group {@code gort}, project {@code lab}:
 * scripted answers per "METHOD path" (each used once, the last repeating) or else its own
 * behaviour: {@code POST …/tests} and {@code …/builds} take the job (201 with its uid, as a list
 * for builds), {@code GET …/tests} and {@code …/builds} list them newest first, {@code GET …/keys}
 * serves the current key's {@code ssh.pub}. Test hooks {@code POST /_fake/rotate} (the next fixed
 * key), {@code POST /_fake/keys-down} / {@code keys-up} and {@code POST
 * /_fake/finish/{uid}?result=}; a test of an experiment named {@code lost-<result>-…} is finished
 * at once (its callback never sent). Records every request.
 */
final class FakeTuxSuite implements AutoCloseable {

  static final String PROJECT = "/v1/groups/gort/projects/lab";
  static final String TOKEN = "test-tux-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  record Request(
      String method, String path, String query, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
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
  private final List<ObjectNode> tests = new ArrayList<>();
  private final List<ObjectNode> builds = new ArrayList<>();
  private final AtomicInteger uids = new AtomicInteger();
  private volatile KeyPair key = TuxSuiteSigning.FIXED_1;
  private volatile boolean keysDown;

  private FakeTuxSuite(HttpServer server) {
    this.server = server;
  }

  static FakeTuxSuite start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeTuxSuite fake = new FakeTuxSuite(server);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  KeyPair key() {
    return key;
  }

  void key(KeyPair pair) {
    key = pair;
  }

  void keysDown(boolean down) {
    keysDown = down;
  }

  synchronized FakeTuxSuite on(String method, String path, Answer... next) {
    answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(next));
    return this;
  }

  List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
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
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Request request =
        new Request(method, path, exchange.getRequestURI().getRawQuery(), headers, body);
    requests.add(request);
    Answer answer = scripted(method + " " + path);
    if (answer == null) {
      answer = behave(request);
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private synchronized Answer behave(Request request) {
    String key = request.method() + " " + request.path();
    switch (key) {
      case "POST /_fake/rotate" -> {
        this.key =
            this.key == TuxSuiteSigning.FIXED_1 ? TuxSuiteSigning.FIXED_2 : TuxSuiteSigning.FIXED_1;
        return Answer.json(200, "{}");
      }
      case "GET /_fake/key" -> {
        return Answer.json(200, "{\"key\": " + (this.key == TuxSuiteSigning.FIXED_2 ? 2 : 1) + "}");
      }
      case "POST /_fake/keys-down" -> {
        keysDown = true;
        return Answer.json(200, "{}");
      }
      case "POST /_fake/keys-up" -> {
        keysDown = false;
        return Answer.json(200, "{}");
      }
      case "GET " + PROJECT + "/keys" -> {
        return keysDown
            ? Answer.json(503, "{\"error\": \"unavailable\"}")
            : Answer.json(200, TuxSuiteSigning.keys(this.key));
      }
      default -> {}
    }
    if (!TOKEN.equals(request.header("Authorization"))) {
      return Answer.json(401, "{\"error\": \"invalid token\"}");
    }
    switch (key) {
      case "POST " + PROJECT + "/tests" -> {
        ObjectNode job = (ObjectNode) request.json();
        job.put("uid", "2Tux" + uids.incrementAndGet());
        job.put("project", "gort/lab");
        job.put("state", "provisioning");
        // an experiment named lost-<result>-… ends at once with that result, its callback lost
        String experiment = job.path("callback_headers").path("X-Gort-Experiment").asText("");
        if (experiment.startsWith("lost-")) {
          finish(job, experiment.split("-")[1]);
        }
        tests.add(0, job);
        return Answer.json(201, job.toString());
      }
      case "POST " + PROJECT + "/builds" -> {
        ObjectNode job = (ObjectNode) request.json().get("builds").get(0);
        job.put("uid", "2Bld" + uids.incrementAndGet());
        job.put("project", "gort/lab");
        job.put("state", "provisioning");
        builds.add(0, job);
        ArrayNode list = JSON.createArrayNode().add(job);
        return Answer.json(201, list.toString());
      }
      case "GET " + PROJECT + "/tests" -> {
        return list(tests);
      }
      case "GET " + PROJECT + "/builds" -> {
        return list(builds);
      }
      default -> {
        return job(request);
      }
    }
  }

  /**
   * A job's status ({@code GET …/{kind}/{uid}}) and cancel; {@code POST
   * /_fake/finish/{uid}?result=}.
   */
  private Answer job(Request request) {
    String[] parts = request.path().split("/");
    if (request.method().equals("POST") && request.path().startsWith("/_fake/finish/")) {
      ObjectNode job = find(parts[3]);
      if (job == null) {
        return Answer.json(404, "{}");
      }
      finish(job, request.query() == null ? "pass" : request.query().replace("result=", ""));
      return Answer.json(200, job.toString());
    }
    // /v1/groups/gort/projects/lab/{tests|builds}/{uid}[/cancel]
    ObjectNode job =
        parts.length >= 8 && request.path().startsWith(PROJECT) ? find(parts[7]) : null;
    if (job == null) {
      return Answer.json(404, "{\"error\": \"not found\"}");
    }
    if (request.method().equals("GET") && parts.length == 8) {
      return Answer.json(200, job.toString());
    }
    if (request.method().equals("POST") && parts.length == 9 && parts[8].equals("cancel")) {
      if ("finished".equals(job.path("state").asText())) {
        return Answer.json(400, "{\"error\": \"finished\"}");
      }
      finish(job, "canceled");
      return Answer.json(200, job.toString());
    }
    return Answer.json(404, "{\"error\": \"not found\"}");
  }

  private ObjectNode find(String uid) {
    for (List<ObjectNode> jobs : List.of(tests, builds)) {
      for (ObjectNode job : jobs) {
        if (uid.equals(job.path("uid").asText())) {
          return job;
        }
      }
    }
    return null;
  }

  private static void finish(ObjectNode job, String result) {
    job.put("state", "finished");
    job.put("result", result);
    job.put(
        "download_url",
        "https://storage.tuxsuite.com/public/gort/lab/tests/" + job.path("uid").asText() + "/");
  }

  private static Answer list(List<ObjectNode> jobs) {
    ObjectNode page = JSON.createObjectNode();
    page.putArray("results").addAll(jobs);
    page.putNull("next");
    return Answer.json(200, page.toString());
  }

  private synchronized Answer scripted(String key) {
    Deque<Answer> queue = answers.get(key);
    if (queue == null || queue.isEmpty()) {
      return null;
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
