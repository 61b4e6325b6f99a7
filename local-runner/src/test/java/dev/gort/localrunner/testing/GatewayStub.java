package dev.gort.localrunner.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the runner gateway: records every callback (its query, exact bytes and signature)
 * and answers with scripted statuses, then 202.
 */
public final class GatewayStub {

  /** One callback as it arrived. */
  public record Received(String query, byte[] body, String signature) {}

  private static GatewayStub instance;

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();

  private GatewayStub(HttpServer server) {
    this.server = server;
  }

  public static synchronized GatewayStub get() {
    if (instance == null) {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        GatewayStub stub = new GatewayStub(server);
        server.createContext(
            "/",
            exchange -> {
              byte[] body = exchange.getRequestBody().readAllBytes();
              stub.received.add(
                  new Received(
                      exchange.getRequestURI().getRawQuery(),
                      body,
                      exchange.getRequestHeaders().getFirst("X-Gort-Signature")));
              Integer answer = stub.answers.poll();
              exchange.sendResponseHeaders(answer == null ? 202 : answer, -1);
              exchange.close();
            });
        server.start();
        instance = stub;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The callback URL of attempt {@code attemptId}, with {@code token}. */
  public String callbackUrl(String attemptId, String token) {
    return origin() + "/api/v1/callbacks/local/test?attempt=" + attemptId + "&token=" + token;
  }

  public void answering(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
  }

  /** The callbacks received for {@code attemptId}. */
  public List<Received> receivedFor(String attemptId) {
    return received.stream().filter(r -> r.query().contains("attempt=" + attemptId + "&")).toList();
  }
}
