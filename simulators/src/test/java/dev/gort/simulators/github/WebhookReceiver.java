package dev.gort.simulators.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plays Gort's webhook endpoint in tests: records each delivery with its headers; answers 202. */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivery as it arrived. */
  record Received(
      String event,
      String deliveryId,
      String signature,
      String userAgent,
      String contentType,
      String hookId,
      byte[] body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String action() {
      return json().path("action").asText(null);
    }

    /** The workflow run the event is about ({@code workflow_run.id} or the job's run_id). */
    long runId() {
      JsonNode json = json();
      return json.has("workflow_run")
          ? json.get("workflow_run").get("id").asLong()
          : json.path("workflow_job").path("run_id").asLong();
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            receiver.received.add(
                new Received(
                    headers.getFirst("X-GitHub-Event"),
                    headers.getFirst("X-GitHub-Delivery"),
                    headers.getFirst("X-Hub-Signature-256"),
                    headers.getFirst("User-Agent"),
                    headers.getFirst("Content-Type"),
                    headers.getFirst("X-GitHub-Hook-ID"),
                    body));
            Integer answer = receiver.answers.poll();
            exchange.sendResponseHeaders(answer == null ? 202 : answer, -1);
            exchange.close();
          });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebhookReceiver answering(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/callbacks/github-actions";
  }

  List<Received> received() {
    return List.copyOf(new ArrayList<>(received));
  }

  List<Received> about(long runId) {
    return received().stream()
        .filter(r -> !"ping".equals(r.event()) && r.runId() == runId)
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
