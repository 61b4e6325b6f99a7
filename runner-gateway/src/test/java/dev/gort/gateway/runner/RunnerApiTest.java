package dev.gort.gateway.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner HTTP client against a real HTTP server that misbehaves on purpose. */
class RunnerApiTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private RunnerApi api;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/stalls-in-body",
        exchange -> {
          exchange.sendResponseHeaders(200, 100);
          OutputStream out = exchange.getResponseBody();
          out.write("{\"half\":".getBytes(StandardCharsets.UTF_8));
          out.flush();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.createContext(
        "/huge",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked
          byte[] block = new byte[64 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < RunnerApi.MAX_RESPONSE_BYTES / block.length + 8; i++) {
              out.write(block);
            }
          } catch (java.io.IOException e) {
            // the client stopped reading at its cap
          }
        });
    server.start();
    api =
        new RunnerApi(
            "test runner",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            Map.of(),
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            List.of("message"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void aRunnerThatStallsInTheBodyIsUnavailableWithinTheReadTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> api.get("/stalls-in-body"))
        .isInstanceOf(RunnerUnavailableException.class)
        .hasMessageContaining("did not answer GET within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aBodyPastTheCapIsCutAtIt() {
    RunnerApi.Answer answer = api.get("/huge");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).hasSize(RunnerApi.MAX_RESPONSE_BYTES);
  }
}
