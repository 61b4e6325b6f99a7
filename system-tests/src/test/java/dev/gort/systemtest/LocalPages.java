package dev.gort.systemtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Pages a test writes itself, served on a free local port with the console's script policy, and one
 * browser to open them: for tests of the browser harness and of the console's script that need no
 * stack.
 */
final class LocalPages implements AutoCloseable {

  private final HttpServer server;
  private final String base;
  private final Browser browser;

  private LocalPages(HttpServer server, Browser browser) {
    this.server = server;
    this.base = "http://127.0.0.1:" + server.getAddress().getPort();
    this.browser = browser;
  }

  /** Serves each path prefix with its handler and starts a browser. */
  static LocalPages serve(Map<String, HttpHandler> handlers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    handlers.forEach(server::createContext);
    server.start();
    try {
      return new LocalPages(server, new Browser());
    } catch (IOException | RuntimeException | Error e) {
      server.stop(0);
      throw e;
    }
  }

  String url(String path) {
    return base + path;
  }

  Browser browser() {
    return browser;
  }

  /** An answer as the console sends it: no inline scripts, not cached. */
  static void answer(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Content-Security-Policy", "script-src 'self'");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  static void redirect(HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      server.stop(0);
    }
  }
}
