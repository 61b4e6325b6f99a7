package dev.gort.simulators.runner;

import dev.gort.common.operation.Page;
import dev.gort.simulators.web.InMemoryPages;
import dev.gort.simulators.web.JsonBodies;
import dev.gort.simulators.web.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Scripts the simulated runners (scenarios) and shows what they received. */
@Path("/sim/runners/{runner}")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerControlResource {

  @Inject SimulatedRunners runners;
  @Inject ScenarioBook scenarios;
  @Inject JsonBodies bodies;

  @PUT
  @Path("/scenarios/{experiment}")
  public Scenario.View putScenario(
      @PathParam("runner") String code, @PathParam("experiment") String experiment, byte[] body) {
    runners.require(code);
    Scenario scenario =
        Scenario.parse(bodies.read(body, Scenario.Request.class, Scenario.REQUEST_LIMITS));
    scenarios.put(code, experiment, scenario);
    return scenario.view(code, experiment);
  }

  @GET
  @Path("/scenarios/{experiment}")
  public Scenario.View getScenario(
      @PathParam("runner") String code, @PathParam("experiment") String experiment) {
    runners.require(code);
    return scenarios.get(code, experiment).view(code, experiment);
  }

  @DELETE
  @Path("/scenarios/{experiment}")
  public void deleteScenario(
      @PathParam("runner") String code, @PathParam("experiment") String experiment) {
    runners.require(code);
    scenarios.remove(code, experiment);
  }

  @GET
  @Path("/jobs")
  public Page<Object> jobs(@PathParam("runner") String code, @Context UriInfo uri) {
    return InMemoryPages.page(
        uri,
        List.of("experiment", "runId"),
        f -> List.<Object>copyOf(runners.require(code).jobs(f.get("experiment"), f.get("runId"))));
  }

  /** Test hook: the same callback again, to exercise duplicate delivery at the receiver. */
  @POST
  @Path("/jobs/{jobId}/redeliver")
  public CompletionStage<Response> redeliver(
      @PathParam("runner") String code, @PathParam("jobId") String jobId) {
    return runners
        .require(code)
        .redeliver(jobId)
        .handle(
            (status, error) ->
                error == null
                    ? Response.ok(new Redelivered(status), MediaType.APPLICATION_JSON_TYPE).build()
                    : Problems.respond(
                        502,
                        "Bad Gateway",
                        "redelivery failed: " + CallbackSender.describe(error)));
  }

  /** {@code {"status": <HTTP status the callback receiver answered>}}. */
  public record Redelivered(int status) {}
}
