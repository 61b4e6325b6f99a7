package dev.gort.common.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP server on loopback whose every connection runs a script: for the answers a real server
 * gives slowly, partly or never, which an HTTP server library would not.
 */
final class ScriptedServer implements AutoCloseable {

  interface Script {
    void run(Socket connection) throws Exception;
  }

  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();

  ScriptedServer(Script script) {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket connection = socket.accept();
                  connections.incrementAndGet();
                  Thread handler =
                      new Thread(
                          () -> {
                            try (connection) {
                              script.run(connection);
                            } catch (Exception e) {
                              // the client went away: what the scripts expect sooner or later
                            }
                          },
                          "scripted-connection");
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** Reads the request head, so the client is past sending before the script answers. */
  static void readRequestHead(Socket connection) throws IOException {
    var in = connection.getInputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  static void write(Socket connection, String text) throws IOException {
    connection.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    connection.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
