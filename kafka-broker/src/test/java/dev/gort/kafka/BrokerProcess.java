package dev.gort.kafka;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link KafkaBrokerMain} as its own process, started the way the local stack starts it. */
final class BrokerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  private BrokerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the broker on {@code port} and {@code dataDirectory}, not waiting for it. */
  static BrokerProcess launch(int port, Path dataDirectory, Path log) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath,
                KafkaBrokerMain.class.getName(),
                String.valueOf(port),
                dataDirectory.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new BrokerProcess(process, log, port);
  }

  /** Starts the broker and returns once it has printed {@code KAFKA READY}. */
  static BrokerProcess start(int port, Path dataDirectory, Path log) throws IOException {
    BrokerProcess broker = launch(port, dataDirectory, log);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!broker.process.isAlive()) {
                  throw new IllegalStateException("broker exited:\n" + broker.output());
                }
                return broker.output().contains("KAFKA READY 127.0.0.1:" + port);
              });
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("broker still running after " + timeout);
    }
    return process.exitValue();
  }

  /** SIGTERM, as {@code deploy/local/stop} sends it; returns how long the broker took to exit. */
  Duration stop() throws InterruptedException {
    long started = System.nanoTime();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("broker did not stop on SIGTERM in 30 s:\n" + output());
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
