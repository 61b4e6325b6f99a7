package dev.gort.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on a free loopback port, for tests that stand in for an outside system
 * (runner, experiment source, results URL) speaking its wire format.
 */
public final class StubHttp {

  private StubHttp() {}

  /** Starts a server that answers {@code path} (and below) with {@code handler}. */
  public static HttpServer start(String path, HttpHandler handler) {
    return start(0, path, handler);
  }

  /**
   * The same on a given loopback port, for a test whose configuration must name the port before the
   * server can start (an outbound allow-list entry, say).
   */
  public static HttpServer start(int port, String path, HttpHandler handler) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext(path, handler);
      // one slow answer must not hold up the others
      server.setExecutor(Executors.newCachedThreadPool(StubHttp::daemon));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a stub HTTP server", e);
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "stub-http");
    thread.setDaemon(true);
    return thread;
  }

  public static String baseUrl(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers with {@code body} as JSON; an empty body sends no content. */
  public static void respondJson(HttpExchange exchange, int status, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
