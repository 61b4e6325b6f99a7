package dev.gort.scheduler.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Outcome;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.experiment.ExperimentSource;
import dev.gort.scheduler.experiment.SourceExperiment;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Owners ask for test runs and read them. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
  private static final List<String> LIST_FILTERS = List.of("experiment", "state", "outcome");

  @Inject RunService runs;
  @Inject ObjectMapper json;
  @Inject ExperimentSource source;

  /** The body is optional, so a request without one needs no content type. */
  @POST
  @Path("/experiments/{slug}/test-runs")
  @Consumes(MediaType.WILDCARD)
  public Response requestRun(
      @PathParam("slug") String slug,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    TestRunRequest request = parse(body, contentType);
    if (!SLUG.matcher(slug).matches()) {
      throw ProblemException.badRequest("'" + slug + "' is not an experiment slug");
    }
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw ProblemException.badRequest("Idempotency-Key must be 1 to 200 visible characters");
    }
    if (idempotencyKey != null) {
      var earlier = runs.earlierRequest(idempotencyKey);
      if (earlier.isPresent()) {
        return accepted(earlier.get());
      }
    }
    if (request != null && request.pipeline() != null) {
      throw ProblemException.badRequest(
          "choosing a pipeline is not supported yet; omit 'pipeline'");
    }
    SourceExperiment experiment = fetch(slug);
    if (request != null
        && request.revision() != null
        && !request.revision().equals(experiment.revision())) {
      throw new ProblemException(
          409,
          "Conflict",
          "revision '"
              + request.revision()
              + "' is not the current revision of '"
              + slug
              + "' ("
              + experiment.revision()
              + ")");
    }
    String reason = "requested by owner " + experiment.owner();
    try {
      RunView run =
          idempotencyKey == null
              ? runs.request(experiment, request, reason)
              : runs.request(experiment, request, reason, idempotencyKey);
      return accepted(run);
    } catch (PersistenceException e) {
      // a concurrent request created the experiment's unfinished run first
      throw runs.conflictFor(slug).orElseThrow(() -> e);
    }
  }

  /** Test runs, latest first, filtered by experiment, state and outcome, paged. */
  @GET
  @Path("/test-runs")
  public Page<RunView> list(@Context UriInfo uri) {
    PageRequest page = PageRequest.of(uri.getQueryParameters(), LIST_FILTERS);
    Map<String, String> filters = page.filters();
    List<RunView> fetched =
        runs.list(
            filters.get("experiment"),
            enumFilter("state", filters.get("state"), RunState.class),
            enumFilter("outcome", filters.get("outcome"), Outcome.class),
            page.skip(),
            page.limit());
    return page.page(fetched, "/api/v1/test-runs");
  }

  @GET
  @Path("/test-runs/{id}")
  public RunView get(@PathParam("id") String id) {
    return runs.find(id)
        .orElseThrow(() -> ProblemException.notFound("no test run with id '" + id + "'"));
  }

  private static <E extends Enum<E>> E enumFilter(String name, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          400,
          "Bad Request",
          name
              + ": '"
              + value
              + "' is not one of "
              + String.join(" ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()),
          Map.of("parameter", name));
    }
  }

  private TestRunRequest parse(byte[] body, String contentType) {
    if (body == null || body.length == 0) {
      return null;
    }
    if (contentType == null || !MediaType.valueOf(contentType).isCompatible(JSON)) {
      throw new ProblemException(
          415, "Unsupported Media Type", "the request body must be application/json");
    }
    try {
      return json.readValue(body, TestRunRequest.class);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ProblemException.badRequest("unreadable body: " + e.getMessage());
    }
  }

  private SourceExperiment fetch(String slug) {
    try {
      return source.get(slug);
    } catch (CircuitBreakerOpenException | TimeoutException e) {
      throw new ExperimentSource.SourceUnavailable(
          "the experiment source is not answering: " + e.getMessage());
    }
  }

  private static Response accepted(RunView run) {
    return Response.accepted(run)
        .header("Operation-Location", "/api/v1/operations/" + run.operationId())
        .location(URI.create("/api/v1/test-runs/" + run.id()))
        .build();
  }
}
