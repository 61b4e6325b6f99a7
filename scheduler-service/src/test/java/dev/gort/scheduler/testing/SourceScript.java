package dev.gort.scheduler.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Scripts the {@link ExperimentSourceStub}'s list and failure mode from a test. */
public final class SourceScript {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceScript() {}

  /** An entry of the list in the source's format. */
  public static Map<String, Object> experiment(String slug, String revision, boolean ready) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("slug", slug);
    e.put("name", "Experiment " + slug);
    e.put("owner", "owner-" + slug);
    e.put("ownerEmail", slug + "@example.com");
    e.put("revision", revision);
    e.put("readyForTest", ready);
    e.put("lastModified", "2026-11-01T00:00:00Z");
    return e;
  }

  @SafeVarargs
  public static void serve(Map<String, Object>... experiments) {
    serve(Arrays.asList(experiments));
  }

  public static void serve(List<Map<String, Object>> experiments) {
    try {
      serveRaw(JSON.writeValueAsString(experiments));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Serves {@code body} verbatim as the list. */
  public static void serveRaw(String body) {
    put("/stub/list", body);
    mode("ok");
  }

  /** {@code ok}, {@code down} (503) or {@code garbage} (not JSON). */
  public static void mode(String mode) {
    put("/stub/mode", mode);
  }

  private static void put(String path, String body) {
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + path))
                      .PUT(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 204) {
        throw new IllegalStateException(path + " answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot script the experiment source stub", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String baseUrl() {
    return ConfigProvider.getConfig()
        .getValue("quarkus.rest-client.experiment-source.url", String.class);
  }
}
