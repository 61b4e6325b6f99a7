package dev.gort.worker.evaluation;

import dev.gort.common.outbound.FetchedBody;
import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.results.UnprocessableResultsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads a runner's results document. The URL comes from the runner's callback, so it goes through
 * the outbound guard like every URL from outside: public destinations and the allow-listed ones
 * only, within the worker's deadline and size limit. Why a fetch failed is in the guard's log; the
 * report says only that the results could not be fetched from the URL's host.
 */
@ApplicationScoped
public class ResultsFetcher {

  static final String WHAT = "results";

  @Inject WorkerConfig config;
  @Inject OutboundFetcher outbound;

  public FetchedBody fetch(String resultsUrl) throws UnprocessableResultsException {
    try {
      return outbound.fetch(WHAT, resultsUrl, config.maxResultsBytes(), config.fetchTimeout());
    } catch (OutboundFetchException e) {
      throw new UnprocessableResultsException(e.getMessage(), e);
    }
  }
}
