package dev.gort.console.pipelines;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceException;
import dev.gort.console.pipelines.PipelinesApi.ActionRequest;
import dev.gort.console.pipelines.PipelinesApi.ActionResult;
import dev.gort.console.web.Csrf;
import dev.gort.console.web.Forms;
import dev.gort.console.web.Live;
import dev.gort.console.web.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Pipeline runs: the list, and a run's stages and jobs as a graph and a table, live while the run
 * is unfinished, with the step actions allowed now, each previewed by a dry run before it is sent.
 */
@Path("/pipeline-runs")
public class PipelineRunsPage {

  static final int PAGE_SIZE = 25;
  static final String STEPS_FRAGMENT = "steps";

  /** A Retry-After above this is not waited for: the page looks again sooner. */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(Paged<PipelineRun> page, Pager pager);

    static native TemplateInstance run(
        PipelineRun run, StepGraph graph, RunLive live, Preview preview, String error, Done done);

    static native TemplateInstance run$steps(PipelineRun run, StepGraph graph, RunLive live);
  }

  /**
   * How the steps area stays live: its fragment's URL (null once the run has finished), how long to
   * wait, and whether the actions allowed have changed since the page was rendered.
   */
  public record RunLive(String src, long after, String actionsKey, boolean actionsChanged) {}

  /** A dry run's answer and the form that sends the same action for real. */
  public record Preview(
      StepActions.Choice action, List<String> steps, String message, ActionResult result) {}

  /** What the last real action did, as the 303 back to the page told. */
  public record Done(String verb, int changed) {}

  @Inject Csrf csrf;
  @Inject @RestClient PipelinesApi pipelines;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(@QueryParam("skip") String skipParam) {
    int skip = Forms.skip(skipParam);
    Paged<PipelineRun> page = pipelines.runs(PAGE_SIZE, skip);
    return Templates.list(page, Pager.of("/pipeline-runs", skip, PAGE_SIZE, page));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public Response run(
      @PathParam("id") String id,
      @QueryParam(Live.FRAGMENT) String fragment,
      @QueryParam("actions") String renderedActions,
      @QueryParam("done") String doneAction,
      @QueryParam("changed") String changed) {
    PipelineRun run = pipelines.run(id);
    StepGraph graph = StepGraph.of(run.stages());
    Duration interval = interval(run);
    if (STEPS_FRAGMENT.equals(fragment)) {
      RunLive live = live(run, interval, renderedActions);
      return Live.fragment(Templates.run$steps(run, graph, live), interval);
    }
    return Response.ok(
            Templates.run(
                run, graph, live(run, interval, null), null, null, done(doneAction, changed)))
        .build();
  }

  /**
   * A step action from the page: a dry run ({@code dryRun=true}) renders the page with its preview;
   * a real one goes back to the page (303).
   */
  @POST
  @Path("/{id}/actions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response act(
      @PathParam("id") String id,
      @FormParam("action") String actionField,
      @FormParam("step") List<String> stepFields,
      @FormParam("message") String messageField,
      @FormParam("dryRun") String dryRunField,
      @FormParam(Csrf.FIELD) String csrfToken) {
    csrf.require(csrfToken);
    StepActions.Choice action = StepActions.of(actionField);
    List<String> steps = StepActions.steps(stepFields);
    String message = StepActions.message(action, messageField);
    boolean dryRun = "true".equals(dryRunField);
    ActionResult result;
    try {
      result = pipelines.act(id, action.name(), new ActionRequest(steps, dryRun, message));
    } catch (ServiceException e) {
      if (e.isNotFound() || e.status() == 401 || e.status() == 403 || e.status() >= 500) {
        throw e;
      }
      return page(id, null, e.detail(), e.status());
    }
    if (dryRun) {
      return page(id, new Preview(action, steps, message, result), null, 200);
    }
    URI back =
        UriBuilder.fromPath("/pipeline-runs/{id}")
            .queryParam("done", action.name())
            .queryParam("changed", result.changed().size())
            .build(id);
    return Response.seeOther(back).build();
  }

  private Response page(String id, Preview preview, String error, int status) {
    PipelineRun run = pipelines.run(id);
    return Response.status(status)
        .entity(
            Templates.run(
                run,
                StepGraph.of(run.stages()),
                live(run, interval(run), null),
                preview,
                error,
                null))
        .build();
  }

  private RunLive live(PipelineRun run, Duration interval, String renderedActions) {
    String key = actionsKey(run);
    boolean changed = renderedActions != null && !renderedActions.equals(key);
    String src =
        run.isFinished()
            ? null
            : "/pipeline-runs/" + run.id() + "?fragment=" + STEPS_FRAGMENT + "&actions=" + key;
    return new RunLive(src, interval.toSeconds(), key, changed);
  }

  /**
   * A short digest of the actions every step allows: the live fragment compares it with the one the
   * page was rendered with, and says so when the page's action forms are out of date (they are not
   * refreshed in place, so that a form being filled in is not replaced under the user).
   */
  static String actionsKey(PipelineRun run) {
    StringBuilder all = new StringBuilder();
    for (PipelineRun.Step step : run.steps()) {
      all.append(step.id()).append('=').append(String.join(",", step.allowedActions())).append(';');
    }
    return Integer.toHexString(all.toString().hashCode());
  }

  /** The run's operation's Retry-After while it is unfinished, else the default. */
  private Duration interval(PipelineRun run) {
    if (run.isFinished() || run.operationId() == null) {
      return Live.DEFAULT_INTERVAL;
    }
    try (Response operation = pipelines.operation(run.operationId())) {
      return retryAfter(operation.getHeaderString("Retry-After"));
    } catch (ServiceException e) {
      return Live.DEFAULT_INTERVAL;
    }
  }

  static Duration retryAfter(String header) {
    if (header == null) {
      return Live.DEFAULT_INTERVAL;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 1
          ? Live.DEFAULT_INTERVAL
          : Duration.ofSeconds(Math.min(seconds, MAX_INTERVAL.toSeconds()));
    } catch (NumberFormatException e) {
      return Live.DEFAULT_INTERVAL;
    }
  }

  private static Done done(String action, String changed) {
    if (action == null) {
      return null;
    }
    StepActions.Choice choice;
    try {
      choice = StepActions.of(action);
    } catch (RuntimeException e) {
      return null;
    }
    int count;
    try {
      count = Integer.parseInt(changed == null ? "0" : changed);
    } catch (NumberFormatException e) {
      count = 0;
    }
    return new Done(choice.verb(), Math.max(0, count));
  }
}
