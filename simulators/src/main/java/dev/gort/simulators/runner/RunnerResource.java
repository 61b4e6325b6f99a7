package dev.gort.simulators.runner;

import dev.gort.simulators.web.JsonBodies;
import dev.gort.simulators.web.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
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

  /**
   * The job's results document, in the content type of its format; 503 with {@code Retry-After} to
   * a {@code results-late} job's first fetch.
   */
  @GET
  @Path("/{jobId}/results")
  public Response results(@PathParam("runner") String code, @PathParam("jobId") String jobId) {
    SimRunner.ServedResults served = runner.results(code, jobId);
    if (served instanceof SimRunner.ServedResults.Unavailable unavailable) {
      // a simulated outage: answered, not thrown, so it is not logged as a server error
      return Response.fromResponse(
              Problems.respond(503, "Service Unavailable", unavailable.detail()))
          .header(HttpHeaders.RETRY_AFTER, unavailable.retryAfterSeconds())
          .build();
    }
    SimRunner.ServedResults.Document document = (SimRunner.ServedResults.Document) served;
    return Response.ok(document.body(), document.mediaType()).build();
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
