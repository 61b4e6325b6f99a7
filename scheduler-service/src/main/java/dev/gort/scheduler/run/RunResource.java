package dev.gort.scheduler.run;

import dev.gort.common.event.Outcome;
import dev.gort.common.idempotency.IdempotencyKeys;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.scheduler.experiment.ExperimentAccess;
import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.experiment.TestConfigs;
import dev.gort.scheduler.pipeline.PipelineChecks;
import dev.gort.scheduler.pipeline.PipelineRunView;
import dev.gort.scheduler.pipeline.PipelineRuns;
import dev.gort.scheduler.runner.RunnerGateway;
import dev.gort.scheduler.runner.TestSpec;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owners (and operators) ask for test runs and read them. A test run of an experiment whose test
 * configuration holds a pipeline is a pipeline run (issue 13): the answer is that run's, as {@code
 * POST /api/v1/pipeline-runs} gives it. An owner reaches only the runs of its own experiments:
 * anything else answers 404, as if it did not exist.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

  private static final Logger LOG = Logger.getLogger(RunResource.class);

  static final String REQUEST_ENDPOINT = "POST /api/v1/experiments/{slug}/test-runs";

  /**
   * A test-run request is a few short fields and the settings to override, a small JSON object
   * whose values may be longer strings (workflow inputs).
   */
  static final JsonBody.Limits REQUEST_LIMITS = JsonBody.Limits.of(64 * 1024, 4096);

  private static final List<String> LIST_FILTERS = List.of("experiment", "state", "outcome");

  @Inject RunService runs;
  @Inject ExperimentAccess experiments;
  @Inject TestConfigs configs;
  @Inject Callers callers;
  @Inject IdempotencyKeys idempotency;
  @Inject PipelineRuns pipelineRuns;
  @Inject PipelineChecks pipelineChecks;

  /** The body is optional, so a request without one needs no content type. */
  @POST
  @Path("/experiments/{slug}/test-runs")
  @Consumes(MediaType.WILDCARD)
  public Response requestRun(
      @PathParam("slug") String slug,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    Caller caller = callers.current();
    ExperimentAccess.checkSlug(slug);
    TestRunRequest request =
        JsonBody.readOptional(body, contentType, TestRunRequest.class, REQUEST_LIMITS);
    try {
      return idempotency.once(
          caller.name(),
          REQUEST_ENDPOINT,
          idempotencyKey,
          fingerprint(slug, body),
          () -> prepare(caller, slug, request, authorization),
          prepared -> start(caller, prepared, request));
    } catch (PersistenceException e) {
      // a concurrent request created the experiment's unfinished run first
      throw runs.conflictFor(slug).orElseThrow(() -> e);
    }
  }

  /**
   * What a run is started from: the experiment as the source says it, and how it is tested: a
   * single job ({@code spec}) or, when its test configuration holds a pipeline, a pipeline run.
   */
  private record Prepared(
      SourceExperiment experiment, TestSpec spec, PipelineRuns.NewRun pipelineRun) {}

  /**
   * The experiment a request is for, as the source says it now, if the caller may act on it, and
   * how the run is tested, checked by its runner through the gateway: both asked before any
   * transaction opens, so no database connection waits on them and nothing is stored when either
   * refuses.
   */
  private Prepared prepare(
      Caller caller, String slug, TestRunRequest request, String authorization) {
    if (request != null && request.pipeline() != null) {
      throw ProblemException.badRequest(
          "choosing a pipeline is not supported yet; omit 'pipeline'");
    }
    SourceExperiment experiment = experiments.forCaller(caller, slug);
    Optional<PipelineSpec> pipeline = configs.pipeline(slug);
    if (pipeline.isPresent()) {
      return new Prepared(
          experiment, null, pipelineRun(experiment, pipeline.get(), request, authorization));
    }
    TestSpec spec =
        configs.forRequest(
            slug,
            request == null ? null : request.runner(),
            request == null ? null : request.kind(),
            request == null ? null : request.settings(),
            authorization);
    return new Prepared(experiment, spec, null);
  }

  /**
   * The pipeline run a test run of {@code experiment} is: its configured pipeline, checked again at
   * the gateway as a pipeline-run request is (with the caller's token; when the gateway cannot be
   * asked, as it was checked when the configuration was stored), for the experiment at its current
   * revision as the commit. The jobs name their runners: a request's runner, kind or settings are
   * refused.
   */
  private PipelineRuns.NewRun pipelineRun(
      SourceExperiment experiment,
      PipelineSpec pipeline,
      TestRunRequest request,
      String authorization) {
    if (request != null
        && (request.runner() != null || request.kind() != null || request.settings() != null)) {
      throw ProblemException.badRequest(
          "the test configuration of '"
              + experiment.slug()
              + "' holds a pipeline, whose jobs name their runners: omit runner, kind and"
              + " settings");
    }
    PipelineSpec spec;
    try {
      spec = pipelineChecks.validate(PipelineJson.toJsonNode(pipeline), authorization);
    } catch (RunnerGateway.GatewayUnavailable e) {
      LOG.warnf(
          "pipeline run of %s taken as its configuration was checked: %s",
          experiment.slug(), e.getMessage());
      spec = pipeline;
    }
    String commit = PipelineChecks.isLabel(experiment.revision()) ? experiment.revision() : null;
    return new PipelineRuns.NewRun(spec, experiment.slug(), null, commit, true, false);
  }

  private Response start(Caller caller, Prepared prepared, TestRunRequest request) {
    SourceExperiment experiment = prepared.experiment();
    String slug = experiment.slug();
    if (request != null
        && request.revision() != null
        && !request.revision().equals(experiment.revision())) {
      throw ProblemException.conflict(
          "revision "
              + Untrusted.quote(request.revision())
              + " is not the current revision of '"
              + slug
              + "' ("
              + experiment.revision()
              + ")",
          Map.of("currentRevision", experiment.revision()));
    }
    if (prepared.pipelineRun() != null) {
      String owner =
          experiment.owner() == null || experiment.owner().isBlank() ? null : experiment.owner();
      return pipelineAccepted(pipelineRuns.create(prepared.pipelineRun(), caller, owner));
    }
    return accepted(
        runs.request(experiment, prepared.spec(), "requested by " + caller.name(), caller.name()));
  }

  /** Test runs the caller may see, latest first, filtered by experiment, state and outcome. */
  @GET
  @Path("/test-runs")
  public Page<RunView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest page = PageRequest.of(uri.getQueryParameters(), LIST_FILTERS);
    Map<String, String> filters = page.filters();
    List<RunView> fetched =
        runs.list(
            caller.ownerScope().orElse(null),
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
    Caller caller = callers.current();
    return runs.find(id)
        .filter(run -> caller.mayActFor(run.owner()))
        .orElseThrow(() -> ProblemException.notFound("no test run with id " + Untrusted.quote(id)));
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
              + ": "
              + Untrusted.quote(value)
              + " is not one of "
              + String.join(" ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()),
          Map.of("parameter", name));
    }
  }

  /** What an idempotency key is bound to: the experiment and the body. */
  private static byte[] fingerprint(String slug, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(slug.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** A pipeline run's answer, as {@code POST /api/v1/pipeline-runs} gives it. */
  private static Response pipelineAccepted(PipelineRunView run) {
    return Response.accepted(run)
        .header("Operation-Location", "/api/v1/operations/" + run.operationId())
        .location(URI.create("/api/v1/pipeline-runs/" + run.id()))
        .build();
  }

  private static Response accepted(RunView run) {
    return Response.accepted(run)
        .header("Operation-Location", "/api/v1/operations/" + run.operationId())
        .location(URI.create("/api/v1/test-runs/" + run.id()))
        .build();
  }
}
