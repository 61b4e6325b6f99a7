package dev.gort.gateway.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.web.ProblemException;
import dev.gort.gateway.runner.RunnerRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Where runners report. Order of checks: the runner and kind exist, the signature holds (before the
 * body is even parsed), the body is well formed, the attempt exists. Any failure changes nothing.
 */
@Path("/api/v1/callbacks/{runner}/{kind}")
public class CallbackResource {

  private static final Set<String> KINDS = Set.of("test", "build", "boot");

  @Inject RunnerRegistry runners;
  @Inject CallbackVerifier verifier;
  @Inject CallbackService callbacks;
  @Inject ObjectMapper json;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(
      @PathParam("runner") String runner,
      @PathParam("kind") String kind,
      @QueryParam("attempt") String attemptId,
      @Context HttpHeaders headers,
      byte[] body) {
    if (runners.find(runner).isEmpty() || !KINDS.contains(kind)) {
      throw ProblemException.notFound("no callback endpoint for runner '" + runner + "' " + kind);
    }
    if (!verifier.verify(runner, headers, body == null ? new byte[0] : body)) {
      throw ProblemException.unauthorized("missing or invalid callback signature");
    }
    SimCallback callback = parse(body);
    RunnerStatus status =
        callback
            .runnerStatus()
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown status '" + callback.status() + "' in callback"));
    if (attemptId == null || attemptId.isBlank()) {
      throw ProblemException.badRequest("callback URL without its attempt parameter");
    }
    CallbackService.Receipt receipt =
        callbacks.record(
            attemptId, runner, callback, status, new String(body, StandardCharsets.UTF_8));
    if (receipt == null) {
      throw ProblemException.notFound("no attempt '" + attemptId + "' for runner " + runner);
    }
    boolean changedNothing = receipt.duplicate() || receipt.ignored() != null;
    return Response.status(changedNothing ? 200 : 202).entity(receipt).build();
  }

  private SimCallback parse(byte[] body) {
    try {
      SimCallback callback = json.readValue(body, SimCallback.class);
      if (callback == null) {
        throw ProblemException.badRequest("empty callback body");
      }
      return callback;
    } catch (IOException e) {
      throw ProblemException.badRequest(
          "callback body is not the runner's JSON: " + e.getMessage());
    }
  }
}
