package dev.gort.simulators.runner;

import dev.gort.simulators.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A simulated runner's own API, as Gort's runner gateway calls it. */
@Path("/runners/{runner}/jobs")
public class RunnerResource {

  @Inject SimRunner runner;
  @Inject JsonBodies bodies;

  @POST
  public Response dispatch(@PathParam("runner") String code, byte[] body) {
    Job job = runner.dispatch(code, bodies.read(body, DispatchRequest.class));
    return Response.status(Response.Status.CREATED)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new Dispatched(job.jobId()))
        .build();
  }

  /** The runner's status poll: 200 {@code {"jobId", "status"}}, 503 for an unresponsive job. */
  @GET
  @Path("/{jobId}")
  public Response status(@PathParam("runner") String code, @PathParam("jobId") String jobId) {
    return Response.ok(runner.status(code, jobId), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("/{jobId}/results")
  public Response results(@PathParam("runner") String code, @PathParam("jobId") String jobId) {
    return Response.ok(runner.results(code, jobId), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("/{jobId}/cancel")
  public Response cancel(@PathParam("runner") String code, @PathParam("jobId") String jobId) {
    runner.cancel(code, jobId);
    return Response.accepted().build();
  }

  /** {@code {"jobId": "..."}}, the runner's own id for the job. */
  public record Dispatched(String jobId) {}
}
