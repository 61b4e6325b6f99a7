package dev.gort.worker.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.outbound.FetchedBody;
import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.results.UnprocessableResultsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a runner's results document. The URL comes from the runner's callback, so it goes through
 * the outbound guard like every URL from outside: public destinations and the allow-listed ones
 * only, within the worker's deadline and size limit. Why a fetch failed is in the guard's log; the
 * report says only that the results could not be fetched from the URL's host.
 *
 * <p>GitHub Actions runs point at their artifacts list ({@code
 * …/actions/runs/{id}/artifacts?name=…}, REST "list workflow run artifacts"): the worker reads it
 * with the configured token, takes the named artifact's {@code archive_download_url}, and fetches
 * the zip, following GitHub's redirect to its blob store without the token (the guard sends
 * credentials to the first origin only).
 */
@ApplicationScoped
public class ResultsFetcher {

  static final String WHAT = "results";
  static final String GITHUB = "github-actions";
  private static final int LISTING_BYTES = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject WorkerConfig config;
  @Inject OutboundFetcher outbound;

  public FetchedBody fetch(String runner, String resultsUrl) throws UnprocessableResultsException {
    if (GITHUB.equals(runner)) {
      return artifact(resultsUrl);
    }
    return get(resultsUrl, config.maxResultsBytes(), Map.of());
  }

  private FetchedBody artifact(String listingUrl) throws UnprocessableResultsException {
    Map<String, String> headers = github();
    JsonNode listing;
    try {
      listing = JSON.readTree(get(listingUrl, LISTING_BYTES, headers).stream());
    } catch (IOException e) {
      throw new UnprocessableResultsException("the run's artifact list is not JSON", e);
    }
    JsonNode artifacts = listing == null ? null : listing.get("artifacts");
    if (artifacts == null || !artifacts.isArray()) {
      throw new UnprocessableResultsException("the run's artifact list lists no artifacts", null);
    }
    for (JsonNode artifact : artifacts) {
      JsonNode zip = artifact.get("archive_download_url");
      if (artifact.path("expired").asBoolean(false) || zip == null || !zip.isTextual()) {
        continue;
      }
      return get(zip.asText(), config.github().maxArtifactBytes(), headers);
    }
    throw new UnprocessableResultsException(
        "the run uploaded no results artifact"
            + (listingUrl.contains("?name=")
                ? " named "
                    + Untrusted.quote(listingUrl.substring(listingUrl.indexOf("?name=") + 6))
                : ""),
        null);
  }

  private Map<String, String> github() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    config.github().token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
    return headers;
  }

  private FetchedBody get(String url, int maxBytes, Map<String, String> headers)
      throws UnprocessableResultsException {
    try {
      return outbound.fetch(WHAT, url, maxBytes, config.fetchTimeout(), headers);
    } catch (OutboundFetchException e) {
      throw new UnprocessableResultsException(e.getMessage(), e);
    }
  }
}
