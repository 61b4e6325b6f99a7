package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one way into the experiment source: timeouts, a retry for transient failures and a circuit
 * breaker, and errors translated into answers the API can give.
 */
@ApplicationScoped
public class ExperimentSource {

  @Inject @RestClient ExperimentSourceClient client;
  @Inject ObjectMapper json;

  /**
   * Every experiment the source lists, for the poller. One quick retry for a blip; no circuit
   * breaker: the poll loop backs off on its own, and an open breaker would hide the source's real
   * answer behind "circuit open" in the recorded reason.
   *
   * @throws SourceUnavailable when the source is down or answers an error
   * @throws SourceGarbage when the source answers something that is not a list of experiments
   */
  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200, abortOn = SourceGarbage.class)
  public SourceListing list() {
    String body;
    try {
      body = client.list();
    } catch (WebApplicationException e) {
      throw new SourceUnavailable(
          "the experiment source answered HTTP " + e.getResponse().getStatus());
    } catch (ProcessingException e) {
      throw new SourceUnavailable("the experiment source cannot be read: " + rootMessage(e));
    }
    return SourceListing.read(body, json);
  }

  /**
   * The experiment with this slug.
   *
   * @throws ProblemException 404 when the source does not know it, 503 when the source is down
   */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200, abortOn = ExperimentNotFound.class)
  @CircuitBreaker(requestVolumeThreshold = 10, failOn = SourceUnavailable.class)
  public SourceExperiment get(String slug) {
    try {
      SourceExperiment experiment = client.get(slug);
      if (experiment == null || experiment.slug() == null || experiment.revision() == null) {
        throw new SourceUnavailable("the experiment source answered without slug or revision");
      }
      return experiment;
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        throw new ExperimentNotFound(slug);
      }
      throw new SourceUnavailable("the experiment source answered " + e.getResponse().getStatus());
    } catch (ProcessingException e) {
      throw new SourceUnavailable("the experiment source cannot be read: " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The source does not know the slug. */
  public static class ExperimentNotFound extends ProblemException {
    public ExperimentNotFound(String slug) {
      super(404, "Not Found", "experiment '" + slug + "' is not known to the experiment source");
    }
  }

  /** The experiment source is down or answered something unusable. */
  public static class SourceUnavailable extends ProblemException {
    public SourceUnavailable(String detail) {
      super(503, "Service Unavailable", detail);
    }
  }

  /** The source answered, but not with a list of experiments. */
  public static class SourceGarbage extends SourceUnavailable {
    public SourceGarbage(String detail) {
      super(detail);
    }
  }
}
