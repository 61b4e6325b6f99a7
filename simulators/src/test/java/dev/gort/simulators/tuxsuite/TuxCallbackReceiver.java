package dev.gort.simulators.tuxsuite;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the gateway's tuxsuite callback endpoint: records what arrives, answers 202. */
final class TuxCallbackReceiver implements AutoCloseable {

  record Received(String path, String query, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();

  private TuxCallbackReceiver(HttpServer server) {
    this.server = server;
  }

  static TuxCallbackReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TuxCallbackReceiver receiver = new TuxCallbackReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            receiver.received.add(
                new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
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

  TuxCallbackReceiver answering(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
    return this;
  }

  String url(String kind, String attempt) {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/api/v1/callbacks/tuxsuite/"
        + kind
        + "?attempt="
        + attempt
        + "&token=tok-"
        + attempt;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
