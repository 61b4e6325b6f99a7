package dev.gort.worker.evaluation;

import dev.gort.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Reads a runner's results document. The URL comes from the runner's callback, so only http(s) URLs
 * are followed, with a timeout and a size limit.
 */
@ApplicationScoped
public class ResultsFetcher {

  @Inject WorkerConfig config;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public String fetch(String resultsUrl) throws UnprocessableResultsException {
    URI uri;
    try {
      uri = URI.create(resultsUrl);
    } catch (RuntimeException e) {
      throw new UnprocessableResultsException("results URL is not a URL: " + resultsUrl, e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new UnprocessableResultsException("results URL is not http(s): " + resultsUrl, null);
    }
    if (uri.getHost() == null) {
      // HttpRequest would refuse it with an unchecked exception, which the caller does not retry
      throw new UnprocessableResultsException("results URL has no host: " + resultsUrl, null);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(config.fetchTimeout()).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new UnprocessableResultsException(
            "results URL answered " + response.statusCode(), null);
      }
      if (response.body().length > config.maxResultsBytes()) {
        throw new UnprocessableResultsException("results larger than the limit", null);
      }
      return new String(response.body(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnprocessableResultsException("results URL unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnprocessableResultsException("interrupted while fetching results", e);
    }
  }
}
