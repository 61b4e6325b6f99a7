package dev.gort.provisioner.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server answering {@code POST /v1/chat/completions} as OpenAI does, with one scripted
 * answer repeated for every request; records every request.
 */
final class FakeModel implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived. */
  record Request(String method, String path, Map<String, String> headers, JsonNode body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String schemaName() {
      return body.path("response_format").path("json_schema").path("name").asText(null);
    }

    String message(String role) {
      for (JsonNode message : body.path("messages")) {
        if (role.equals(message.path("role").asText())) {
          return message.path("content").asText();
        }
      }
      return null;
    }
  }

  /** One scripted answer: an HTTP status and body, after a delay. */
  record Answer(int status, String body, Duration delay) {

    /** A completion whose assistant content is {@code content}. */
    static Answer content(String content) {
      ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
      message.putNull("refusal");
      return completion(message);
    }

    /** A completion whose assistant message refuses, content null. */
    static Answer refusal(String refusal) {
      ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("refusal", refusal);
      message.putNull("content");
      return completion(message);
    }

    /** OpenAI's error body with {@code status}. */
    static Answer error(int status, String type, String text) {
      ObjectNode error = JSON.createObjectNode();
      error.putObject("error").put("message", text).put("type", type).putNull("param");
      return new Answer(status, error.toString(), Duration.ZERO);
    }

    Answer after(Duration delay) {
      return new Answer(status, body, delay);
    }

    private static Answer completion(ObjectNode message) {
      ObjectNode body =
          JSON.createObjectNode()
              .put("id", "chatcmpl-test")
              .put("object", "chat.completion")
              .put("created", 1_764_000_000L)
              .put("model", "gpt-4o-mini");
      ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
      choice.set("message", message);
      choice.put("finish_reason", "stop");
      body.putObject("usage")
          .put("prompt_tokens", 10)
          .put("completion_tokens", 5)
          .put("total_tokens", 15);
      return new Answer(200, body.toString(), Duration.ZERO);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Answer answer = Answer.error(500, "server_error", "nothing scripted");

  private FakeModel(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static FakeModel start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newCachedThreadPool();
      FakeModel model = new FakeModel(server, executor);
      server.createContext("/", model::handle);
      server.setExecutor(executor);
      server.start();
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL langchain4j is given. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  FakeModel answering(Answer next) {
    this.answer = next;
    return this;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
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
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            headers,
            body.isEmpty() ? JSON.nullNode() : JSON.readTree(body)));
    Answer now =
        exchange.getRequestURI().getPath().equals("/v1/chat/completions")
            ? answer
            : Answer.error(404, "invalid_request_error", "no such path");
    try {
      if (!now.delay().isZero()) {
        Thread.sleep(now.delay().toMillis());
      }
      byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(now.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the client gave up (timeout test)
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
