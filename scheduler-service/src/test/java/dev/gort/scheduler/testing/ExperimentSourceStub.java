package dev.gort.scheduler.testing;

import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The experiment source in its own wire format (Experimenter API), on a free port: every slug
 * starting with {@code exp-} exists (owner {@code owner-<slug>}, revision {@code rev-1}); any other
 * slug is 404.
 */
public class ExperimentSourceStub implements QuarkusTestResourceLifecycleManager {

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    server =
        StubHttp.start(
            "/api/v6/experiments/",
            exchange -> {
              String path = exchange.getRequestURI().getPath();
              String slug = path.substring("/api/v6/experiments/".length()).replace("/", "");
              byte[] body;
              int status;
              if (slug.startsWith("exp-")) {
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
            });
    return Map.of("quarkus.rest-client.experiment-source.url", StubHttp.baseUrl(server));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
