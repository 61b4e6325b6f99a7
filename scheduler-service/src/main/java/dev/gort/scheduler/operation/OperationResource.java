package dev.gort.scheduler.operation;

import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.run.RunService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The operations resource (seed 001): every test run is followed through its operation. */
@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

  @Inject RunService runs;
  @Inject SchedulerConfig config;

  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    OperationView operation =
        runs.findByOperation(id)
            .map(OperationStatus::of)
            .orElseThrow(() -> ProblemException.notFound("no operation with id '" + id + "'"));
    Response.ResponseBuilder answer = Response.ok(operation);
    if (!OperationStatus.isFinal(operation)) {
      answer.header("Retry-After", Math.max(1, config.operationRetryAfter().toSeconds()));
    }
    return answer.build();
  }
}
