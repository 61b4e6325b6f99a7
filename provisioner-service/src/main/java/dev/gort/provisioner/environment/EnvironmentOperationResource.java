package dev.gort.provisioner.environment;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Callers;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An environment's operation (seed 001), where {@code Operation-Location} points: always as current
 * as the environment itself (the scheduler's operations list shows it too, from the status events).
 * {@code DELETE} cancels: provisioning stops and what was made is removed.
 */
@Path("/api/v1/operations/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentOperationResource {

  private static final int RETRY_AFTER_SECONDS = 2;

  @Inject Callers callers;
  @Inject EnvironmentQueries queries;
  @Inject EnvironmentViews views;
  @Inject EnvironmentService environments;
  @Inject ProvisioningLoops loops;

  @GET
  @Transactional
  public Response get(@PathParam("id") String id) {
    OperationView operation = views.operation(find(id));
    Response.ResponseBuilder answer = Response.ok(operation);
    if (operation.status().equals("notstarted") || operation.status().equals("running")) {
      answer.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    return answer.build();
  }

  /**
   * seed 001: cancels the operation, idempotently; 202 with the operation as it stands. An
   * operation that already finished (a ready environment's provisioning too: tearing it down is
   * {@code DELETE /api/v1/environments/{id}}) is a 409, as the scheduler answers for test runs.
   */
  @DELETE
  public Response cancel(@PathParam("id") String id) {
    Environment found = findOutside(id);
    EnvironmentService.Cancelled cancelled =
        environments.cancelOperation(found.id, callers.current().name()).orElseThrow();
    Environment env = cancelled.environment();
    if (cancelled.alreadyFinished()) {
      String status = EnvironmentViews.operationStatus(env.state);
      throw ProblemException.conflict(
          "operation "
              + Untrusted.quote(id)
              + " already finished ("
              + status
              + "); there is nothing to cancel"
              + (env.state == EnvironmentState.READY
                  ? " (DELETE /api/v1/environments/" + env.id + " tears the environment down)"
                  : ""),
          Map.of("operationStatus", status));
    }
    loops.wake();
    return Response.accepted(operationOf(env.operationId)).build();
  }

  @Transactional
  OperationView operationOf(String operationId) {
    return views.operation(queries.byOperation(operationId).orElseThrow());
  }

  @Transactional
  Environment findOutside(String id) {
    return find(id);
  }

  private Environment find(String id) {
    Environment env = id.length() > 64 ? null : queries.byOperation(id).orElse(null);
    if (env == null || !callers.current().mayActFor(env.owner)) {
      throw ProblemException.notFound("no operation " + Untrusted.quote(id));
    }
    return env;
  }
}
