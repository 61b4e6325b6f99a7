package dev.gort.common.outbound;

import static dev.gort.common.outbound.OutboundFetcherTest.elapsedMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * The guard's limits against servers that answer too much, too slowly or never, and its one generic
 * error whatever happened.
 */
class OutboundFetcherLimitsTest extends FetcherTestBase {

  private static final OutboundPolicy LOOPBACK = OutboundPolicy.allowing("127.0.0.0/8");

  @Test
  void aBodyPastTheCapIsRefusedAsSoonAsTheCapIsPassedAndTheConnectionClosed() throws Exception {
    int cap = 4 * 1024;
    int chunk = 1024;
    int chunks = 200; // 200 x 50 ms: the whole stream would take 10 s
    AtomicLong written = new AtomicLong();
    CountDownLatch stopped = new CountDownLatch(1);
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              ScriptedServer.write(
                  connection,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      + "Connection: close\r\n\r\n");
              try {
                for (int i = 0; i < chunks; i++) {
                  connection.getOutputStream().write(new byte[chunk]);
                  connection.getOutputStream().flush();
                  written.addAndGet(chunk);
                  Thread.sleep(50);
                }
              } finally {
                stopped.countDown();
              }
            })) {
      OutboundFetcher fetcher = fetcher(LOOPBACK);
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://127.0.0.1:" + server.port() + "/r", cap))
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("results could not be fetched from 127.0.0.1");

      assertThat(elapsedMillis(started))
          .as("refused once past the cap, not at the end")
          .isLessThan(2_000);
      assertThat(stopped.await(3, TimeUnit.SECONDS))
          .as("the server's writes fail: the connection was closed")
          .isTrue();
      assertThat(written.get()).isLessThan((long) chunks * chunk / 4);
    }
  }

  @Test
  void aDeclaredLengthPastTheCapIsRefusedBeforeAnyOfTheBodyIsRead() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              ScriptedServer.write(
                  connection, "HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\n\r\n");
              Thread.sleep(60_000);
            })) {
      OutboundFetcher fetcher = fetcher(LOOPBACK);
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://127.0.0.1:" + server.port() + "/r", 1024))
          .isInstanceOf(OutboundFetchException.class);
      assertThat(elapsedMillis(started)).isLessThan(2_000);
    }
  }

  @Test
  void aServerThatNeverAnswersEndsAtTheDeadlineAndIsHungUpOn() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(2);
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              // nothing is sent; read() returns -1 once the client closes
              if (connection.getInputStream().read() < 0) {
                hungUp.countDown();
              }
            })) {
      OutboundLimits patient =
          new OutboundLimits(
              3, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(600));
      OutboundFetcher fetcher = fetcher(LOOPBACK, patient);
      String url = "http://127.0.0.1:" + server.port() + "/r";

      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.fetch("results", url, 1024, Duration.ofMinutes(5)))
          .as("a caller cannot ask for more than the guard's deadline")
          .isInstanceOf(OutboundFetchException.class);
      assertThat(elapsedMillis(started)).isBetween(500L, 3_000L);

      long again = System.nanoTime();
      assertThatThrownBy(() -> fetcher.fetch("results", url, 1024, Duration.ofMillis(200)))
          .as("a caller may ask for less")
          .isInstanceOf(OutboundFetchException.class);
      assertThat(elapsedMillis(again)).isBetween(150L, 550L);

      assertThat(hungUp.await(3, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aServerThatFallsSilentMidBodyEndsAtTheReadTimeout() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              ScriptedServer.write(
                  connection, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"tests\":");
              Thread.sleep(60_000);
            })) {
      OutboundLimits readTimeout =
          new OutboundLimits(
              3, Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(1));
      OutboundFetcher fetcher = fetcher(LOOPBACK, readTimeout);
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://127.0.0.1:" + server.port() + "/r", 1024))
          .isInstanceOf(OutboundFetchException.class);
      assertThat(elapsedMillis(started)).isBetween(250L, 3_000L);
    }
  }

  @Test
  void theErrorIsTheSameForAClosedPortAnOpenOneAndEveryWayAFetchFails() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    HttpServer notFound = StubHttp.start("/", e -> respond(e, 404));
    HttpServer broken = StubHttp.start("/", e -> respond(e, 500));
    try (ScriptedServer hangsUp = new ScriptedServer(connection -> connection.close());
        ScriptedServer garbage =
            new ScriptedServer(
                connection -> {
                  ScriptedServer.readRequestHead(connection);
                  ScriptedServer.write(connection, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
                })) {
      OutboundFetcher fetcher = fetcher(LOOPBACK);
      List<String> urls =
          List.of(
              "http://127.0.0.1:" + closedPort + "/r",
              StubHttp.baseUrl(notFound) + "/r",
              StubHttp.baseUrl(broken) + "/r",
              "http://127.0.0.1:" + hangsUp.port() + "/r",
              "http://127.0.0.1:" + garbage.port() + "/r");
      List<String> messages = new ArrayList<>();

      for (String url : urls) {
        try {
          fetcher.fetch("results", url, 1024);
          messages.add("fetched " + url);
        } catch (OutboundFetchException e) {
          assertThat(e.refused()).as(url).isFalse();
          assertThat(e.getCause()).as(url).isNull();
          messages.add(e.getMessage());
        }
      }

      assertThat(new HashSet<>(messages))
          .containsExactly("results could not be fetched from 127.0.0.1");
    } finally {
      notFound.stop(0);
      broken.stop(0);
    }
  }

  @Test
  void whatTheServerSentReachesTheLogEscapedAndBoundedAndTheCallerNotAtAll() throws Exception {
    // a status line that sets a terminal's title, and is long: Netty quotes it in its error
    String hostile = "X\u001b]0;pwned\u0007" + "A".repeat(3_000);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger(OutboundFetcher.class.getName());
    log.addHandler(capture);
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              connection
                  .getOutputStream()
                  .write((hostile + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
              connection.getOutputStream().flush();
              Thread.sleep(1_000);
            })) {
      OutboundFetcher fetcher = fetcher(LOOPBACK);

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://127.0.0.1:" + server.port() + "/r", 1024))
          .hasMessage("results could not be fetched from 127.0.0.1");
    } finally {
      log.removeHandler(capture);
    }

    assertThat(records).hasSize(1);
    String line = new SimpleFormatter().formatMessage(records.get(0));
    assertThat(line).contains("PWNED").contains("\\u001b").contains("\\u0007");
    assertThat(line).doesNotContain("\u001b", "\u0007", "\r", "\n");
    assertThat(line.length()).isLessThan(600);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status)
      throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(status, -1);
    }
  }
}
