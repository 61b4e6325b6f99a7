package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.idempotency.IdempotencyKeys;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.Refusal;
import dev.gort.common.pipeline.run.RunContext;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepMessage;
import dev.gort.common.pipeline.run.StepSelector;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pipeline runs (issue 13) and their steps (seed 001's WorkflowAPIHandler). Owner-scoped like test
 * runs: an owner reaches only its own runs, anything else answers 404.
 */
@Path("/api/v1/pipeline-runs")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineRunResource {

  static final String REQUEST_ENDPOINT = "POST /api/v1/pipeline-runs";
  private static final String STEPS_ACTION = "steps:";

  /** A pipeline file is at most 256 KiB of text; its JSON with the request's fields a bit more. */
  static final JsonBody.Limits REQUEST_LIMITS = JsonBody.Limits.of(320 * 1024, 16 * 1024);

  static final JsonBody.Limits ACTION_LIMITS = JsonBody.Limits.of(64 * 1024, 4096);

  private static final List<String> LIST_FILTERS =
      List.of("pipeline", "status", "experiment", "repository", "commit");

  @Inject PipelineRuns runs;
  @Inject PipelineChecks checks;
  @Inject Callers callers;
  @Inject IdempotencyKeys idempotency;
  @Inject RunReports reports;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    Caller caller = callers.current();
    PipelineRunRequest request =
        JsonBody.readRequired(body, contentType, PipelineRunRequest.class, REQUEST_LIMITS);
    return idempotency.once(
        caller.name(),
        REQUEST_ENDPOINT,
        idempotencyKey,
        body,
        () -> checks.check(request, authorization),
        prepared -> accepted(runs.create(prepared, caller)));
  }

  @GET
  public Page<PipelineRunView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    PageRequest page = PageRequest.of(uri.getQueryParameters(), LIST_FILTERS);
    Map<String, String> filters = page.filters();
    List<PipelineRunView> fetched =
        runs.list(
            caller.ownerScope().orElse(null),
            filters.get("pipeline"),
            status(filters.get("status")),
            filters.get("experiment"),
            filters.get("repository"),
            filters.get("commit"),
            page.skip(),
            page.limit());
    return page.page(fetched, "/api/v1/pipeline-runs");
  }

  @GET
  @Path("/{id}")
  public PipelineRunView get(@PathParam("id") String id) {
    return runs.view(id, callers.current()).orElseThrow(() -> notFound(id));
  }

  /** Steps filtered by {@code state}, {@code tag.<k>=<v>} and {@code action} (allowed now). */
  @GET
  @Path("/{id}/steps")
  public Page<StepView> steps(@PathParam("id") String id, @Context UriInfo uri) {
    Map<String, List<String>> query = uri.getQueryParameters();
    List<String> names = new ArrayList<>(List.of("state", "action"));
    query.keySet().stream().filter(k -> k.startsWith(StepFilters.TAG_PREFIX)).forEach(names::add);
    PageRequest page = PageRequest.of(query, names);
    Map<String, String> filters = page.filters();
    StepSelector selector =
        new StepSelector(
            Set.of(),
            StepFilters.states(
                filters.get("state") == null ? List.of() : List.of(filters.get("state"))),
            StepFilters.tags(query));
    String action = filters.get("action");
    return page(
        id, page, selector, action == null ? null : StepFilters.action(action, 400), "/steps");
  }

  @GET
  @Path("/{id}/steps/waiting-for-input")
  public Page<StepView> waitingForInput(@PathParam("id") String id, @Context UriInfo uri) {
    PageRequest page = PageRequest.of(uri.getQueryParameters());
    return page(
        id,
        page,
        StepSelector.states(StepState.WAITING_FOR_INPUT),
        null,
        "/steps/waiting-for-input");
  }

  private Page<StepView> page(
      String id, PageRequest page, StepSelector selector, StepAction allowing, String suffix) {
    List<StepView> views =
        runs.steps(id, callers.current(), selector, allowing).orElseThrow(() -> notFound(id));
    List<StepView> fetched =
        views.subList(
            Math.min(page.skip(), views.size()),
            Math.min(page.skip() + page.limit(), views.size()));
    return page.page(fetched, "/api/v1/pipeline-runs/" + id + suffix);
  }

  /**
   * The run as a pipeline report, in the format of local reports ({@code PipelineReportJson}), each
   * attempt's log as the runner's link to it.
   */
  @GET
  @Path("/{id}/report")
  public JsonNode report(@PathParam("id") String id) {
    return PipelineReportJson.toTree(
        reports.ofRun(id, callers.current()).orElseThrow(() -> notFound(id)));
  }

  /** The run's context (seed 001): per step its state, last exit code and messages. */
  @GET
  @Path("/{id}/context")
  public Map<String, Object> context(@PathParam("id") String id) {
    PipelineEngine engine = runs.engine(id, callers.current()).orElseThrow(() -> notFound(id));
    RunContext context = engine.context();
    Map<String, Object> steps = new LinkedHashMap<>();
    context
        .steps()
        .forEach(
            (job, step) -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("state", step.state().wireName());
              s.put("lastExitCode", step.lastExitCode());
              List<Map<String, Object>> messages = new ArrayList<>();
              for (StepMessage m : step.messages()) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("actor", m.actor());
                message.put("text", m.text());
                message.put("at", m.at().toString());
                messages.add(message);
              }
              s.put("messages", messages);
              steps.put(job, s);
            });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runId", id);
    answer.put("pipeline", context.pipeline());
    answer.put("steps", steps);
    return answer;
  }

  /**
   * {@code POST …/{id}/steps:{action}}: seed 001's step actions, selected by ids, states and tags,
   * each with {@code dryRun}. The action is read off the one path segment ({@code steps:pause}, the
   * custom-method form of Google's AIP 136), which the JAX-RS templates here do not split.
   */
  @POST
  @Path("/{id}/{target}")
  @Consumes(MediaType.WILDCARD)
  public Map<String, Object> act(
      @PathParam("id") String id,
      @PathParam("target") String target,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    Caller caller = callers.current();
    if (!target.startsWith(STEPS_ACTION)) {
      throw ProblemException.notFound(
          "no such resource; POST /api/v1/pipeline-runs/{id}/steps:{action} with action one of "
              + String.join(", ", StepFilters.actions()));
    }
    StepAction action = StepFilters.action(target.substring(STEPS_ACTION.length()), 404);
    StepActionRequest request =
        JsonBody.readOptional(body, contentType, StepActionRequest.class, ACTION_LIMITS);
    boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
    PipelineRuns.ActionAnswer answer =
        runs.act(
                id,
                caller,
                action,
                StepFilters.selector(request),
                dryRun,
                request == null ? null : request.message())
            .orElseThrow(() -> notFound(id));
    List<Map<String, Object>> refused = new ArrayList<>();
    for (Refusal r : answer.outcome().refused()) {
      Map<String, Object> refusal = new LinkedHashMap<>();
      refusal.put("id", r.id());
      refusal.put("state", r.state() == null ? null : r.state().wireName());
      refusal.put("reason", r.reason());
      refused.add(refusal);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("action", action.wireName());
    out.put("changed", answer.outcome().changed());
    out.put("refused", refused);
    out.put("dryRun", dryRun);
    return out;
  }

  private static RunStatus status(String value) {
    if (value == null) {
      return null;
    }
    try {
      return RunStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          400,
          "Bad Request",
          "status: "
              + Untrusted.quote(value)
              + " is not one of "
              + String.join(" ", Arrays.stream(RunStatus.values()).map(Enum::name).toList()),
          Map.of("parameter", "status"));
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("no pipeline run with id " + Untrusted.quote(id));
  }

  private static Response accepted(PipelineRunView run) {
    return Response.accepted(run)
        .header("Operation-Location", "/api/v1/operations/" + run.operationId())
        .location(URI.create("/api/v1/pipeline-runs/" + run.id()))
        .build();
  }
}
