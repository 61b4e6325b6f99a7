package dev.gort.simulators;

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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for Gort's runner gateway in tests: records every callback (exact bytes and signature)
 * and answers with scripted statuses, then 202.
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(byte[] body, String signature, String contentType) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private CallbackReceiver(HttpServer server) {
    this.server = server;
  }

  public static CallbackReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      CallbackReceiver receiver = new CallbackReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.add(
                new Received(
                    body,
                    exchange.getRequestHeaders().getFirst("X-Gort-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
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

  /** The next callbacks are answered with these statuses, in order. */
  public CallbackReceiver answering(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
    return this;
  }

  /** The per-attempt token the receiver's callback URL carries, which callbacks are signed over. */
  public static final String TOKEN = "token-for-tests";

  public String url() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/api/v1/callbacks/sim/test?attempt=a-1&token="
        + TOKEN;
  }

  public List<Received> received() {
    return List.copyOf(new ArrayList<>(received));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
    }
  }
}
