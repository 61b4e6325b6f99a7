package dev.gort.console.pipelines;

import dev.gort.console.api.Paged;
import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scheduler's pipeline runs, their step actions, and a run's operation (for Retry-After). */
@RegisterRestClient(configKey = "scheduler")
@RegisterProvider(UserToken.class)
@RegisterProvider(ServiceErrors.class)
@Path("/api/v1")
public interface PipelinesApi {

  @GET
  @Path("/pipeline-runs")
  Paged<PipelineRun> runs(@QueryParam("$top") int top, @QueryParam("$skip") int skip);

  @GET
  @Path("/pipeline-runs/{id}")
  PipelineRun run(@PathParam("id") String id);

  /** {@code steps:{action}}, seed 001's step action (a dry run changes nothing). */
  @POST
  @Path("/pipeline-runs/{id}/steps:{action}")
  @Consumes(MediaType.APPLICATION_JSON)
  ActionResult act(
      @PathParam("id") String id, @PathParam("action") String action, ActionRequest request);

  /** The run's operation: while it is unfinished, its Retry-After says when to look again. */
  @GET
  @Path("/operations/{id}")
  Response operation(@PathParam("id") String operationId);

  /** The steps by id (never none: the API would take every step), with send-message's message. */
  record ActionRequest(List<String> ids, boolean dryRun, String message) {}

  /** What the action changed, or would change in a dry run, and what it refused and why. */
  record ActionResult(String action, List<String> changed, List<Refusal> refused, boolean dryRun) {

    public ActionResult {
      changed = changed == null ? List.of() : changed;
      refused = refused == null ? List.of() : refused;
    }

    public record Refusal(String id, String state, String reason) {
      public String badgeState() {
        return PipelineRun.badge(state);
      }
    }
  }
}
