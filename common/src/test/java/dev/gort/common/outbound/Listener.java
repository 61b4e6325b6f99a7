package dev.gort.common.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

/**
 * A loopback port that listens but never accepts on its own: a connection made to it waits in the
 * backlog, so {@link #wasConnected()} tells for certain whether anything connected.
 */
final class Listener implements AutoCloseable {

  private final ServerSocket socket;

  private Listener(ServerSocket socket) {
    this.socket = socket;
  }

  static Listener open() {
    try {
      return new Listener(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  boolean wasConnected() throws IOException {
    socket.setSoTimeout(200);
    try {
      socket.accept().close();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
