package dev.gort.scheduler.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The experiment source in its own wire format (Experimenter API), on a free port: every slug
 * starting with {@code exp-} exists (owner {@code owner-<slug>}, revision {@code rev-1}); any other
 * slug is 404. The list ({@code GET /api/v6/experiments/}) serves what a test scripted through
 * {@link SourceScript}: by default an empty list; in mode {@code down} a 503, in mode {@code
 * garbage} a body that is not JSON. The control endpoints live under {@code /stub/} on the same
 * port because the test and this resource may not share classes (Quarkus loads them apart).
 */
public class ExperimentSourceStub implements QuarkusTestResourceLifecycleManager {

  private HttpServer server;
  private volatile byte[] list = "[]".getBytes(StandardCharsets.UTF_8);
  private volatile String mode = "ok";

  @Override
  public Map<String, String> start() {
    server = StubHttp.start("/api/v6/experiments/", this::source);
    server.createContext("/stub/", this::control);
    return Map.of("quarkus.rest-client.experiment-source.url", StubHttp.baseUrl(server));
  }

  private void source(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String slug = path.substring("/api/v6/experiments/".length()).replace("/", "");
    byte[] body;
    int status;
    if (slug.isEmpty()) {
      switch (mode) {
        case "down" -> {
          status = 503;
          body = "{\"detail\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8);
        }
        case "garbage" -> {
          status = 200;
          body = "<<not json".getBytes(StandardCharsets.UTF_8);
        }
        default -> {
          status = 200;
          body = list;
        }
      }
    } else if (slug.startsWith("exp-")) {
      status = 200;
      body =
          ("{\"slug\":\""
                  + slug
                  + "\",\"name\":\""
                  + slug
                  + "\",\"owner\":\"owner-"
                  + slug
                  + "\",\"ownerEmail\":\""
                  + slug
                  + "@example.com\",\"revision\":\"rev-1\",\"readyForTest\":true,"
                  + "\"lastModified\":\"2026-11-01T00:00:00Z\"}")
              .getBytes(StandardCharsets.UTF_8);
    } else {
      status = 404;
      body = "{\"detail\":\"no such experiment\"}".getBytes(StandardCharsets.UTF_8);
    }
    try (exchange) {
      StubHttp.respondJson(exchange, status, body);
    }
  }

  /** {@code PUT /stub/list} (the list body, served verbatim) and {@code PUT /stub/mode}. */
  private void control(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestURI().getPath()) {
        case "/stub/list" -> list = body;
        case "/stub/mode" -> mode = new String(body, StandardCharsets.UTF_8).trim();
        default -> {
          StubHttp.respondJson(exchange, 404, new byte[0]);
          return;
        }
      }
      StubHttp.respondJson(exchange, 204, new byte[0]);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
