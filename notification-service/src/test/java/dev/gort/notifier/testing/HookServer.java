package dev.gort.notifier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for owners' chat and generic webhooks on the allow-listed loopback port, keeping every
 * request it got. How it answers depends on the path's first segment: {@code /ok/…} 200, {@code
 * /flaky/…} 503 the first time and 200 after, {@code /bad/…} 400, {@code /lost/…} the first time
 * reads the request and hangs up without an answer (the sender cannot know it arrived), 200 after.
 */
public final class HookServer implements AutoCloseable {

  /** One request as received: its path, headers (names in lower case) and raw body. */
  public record Request(String path, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> answeredOnce = ConcurrentHashMap.newKeySet();

  public HookServer(int port) {
    server = StubHttp.start(port, "/", this::serve);
  }

  public String url(String path) {
    return StubHttp.baseUrl(server) + path;
  }

  /** The requests to {@code path}, in the order received. */
  public List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.add(new Request(path, headers, body));
    String kind = path.split("/")[1];
    boolean first = answeredOnce.add(path);
    if (kind.equals("lost") && first) {
      // no answer: the JDK server closes the connection of a handler that throws
      throw new IOException("hanging up without an answer");
    }
    int status =
        switch (kind) {
          case "flaky" -> first ? 503 : 200;
          case "bad" -> 400;
          default -> 200;
        };
    try (exchange) {
      byte[] answer = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
