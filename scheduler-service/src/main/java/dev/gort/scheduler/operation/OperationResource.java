package dev.gort.scheduler.operation;

import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.run.RunService;
import dev.gort.scheduler.run.RunService.CancelOutcome;
import dev.gort.scheduler.run.RunService.Cancellation;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

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

  /**
   * Cancels the operation's run (seed 001: DELETE on an operation, idempotent). The first DELETE
   * and every repeat answer 202 with the cancelled operation; an operation that already finished
   * otherwise is a 409 and stays as it is.
   */
  @DELETE
  @Path("/{id}")
  public Response cancel(@PathParam("id") String id) {
    Cancellation cancellation =
        runs.cancel(id)
            .orElseThrow(() -> ProblemException.notFound("no operation with id '" + id + "'"));
    OperationView operation = OperationStatus.of(cancellation.run());
    if (cancellation.outcome() == CancelOutcome.ALREADY_FINISHED) {
      throw ProblemException.conflict(
          "operation '"
              + id
              + "' already finished ("
              + operation.status()
              + "); there is nothing to cancel",
          Map.of("operationStatus", operation.status()));
    }
    return Response.accepted(operation)
        .header("Operation-Location", "/api/v1/operations/" + id)
        .build();
  }
}
