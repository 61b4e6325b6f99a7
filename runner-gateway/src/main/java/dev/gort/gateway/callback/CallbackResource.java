package dev.gort.gateway.callback;

import dev.gort.common.event.RunnerStatus;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
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
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Where runners report; no bearer token here, the runner's own signature instead. Order of checks:
 * the runner and kind exist (404), the URL names its attempt and token (400), the signature holds
 * over the token and the exact body, before the body is even parsed (401), the body is well formed
 * (400), the attempt exists (404) and the token is its own (401), and everything the body says
 * about itself matches the attempt (409). Any failure changes nothing.
 */
@Path("/api/v1/callbacks/{runner}/{kind}")
public class CallbackResource {

  private static final Set<String> KINDS = Set.of("test", "build", "boot");

  /** A runner's job id: it is logged and stored, so printable ASCII only. */
  private static final java.util.regex.Pattern JOB_ID =
      java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,200}");

  /** A callback is a short JSON document; its results live elsewhere. */
  static final JsonBody.Limits CALLBACK_LIMITS =
      JsonBody.Limits.of(1024 * 1024, 4096).ignoringUnknownFields();

  @Inject RunnerRegistry runners;
  @Inject CallbackVerifier verifier;
  @Inject CallbackService callbacks;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(
      @PathParam("runner") String runner,
      @PathParam("kind") String kind,
      @QueryParam("attempt") String attemptId,
      @QueryParam("token") String token,
      @Context HttpHeaders headers,
      byte[] body) {
    if (runners.find(runner).isEmpty() || !KINDS.contains(kind)) {
      throw ProblemException.notFound(
          "no callback endpoint for runner "
              + Untrusted.quote(runner)
              + " "
              + Untrusted.quote(kind));
    }
    if (attemptId == null || attemptId.isBlank() || token == null || token.isBlank()) {
      throw ProblemException.badRequest("callback URL without its attempt and token parameters");
    }
    byte[] raw = body == null ? new byte[0] : body;
    if (!verifier.verify(runner, token, headers, raw)) {
      throw ProblemException.unauthorized("missing or invalid callback signature");
    }
    SimCallback callback = JsonBody.read(raw, SimCallback.class, CALLBACK_LIMITS);
    if (callback == null) {
      throw ProblemException.badRequest("empty callback body");
    }
    RunnerStatus status =
        callback
            .runnerStatus()
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown status " + Untrusted.quote(callback.status()) + " in callback"));
    if (callback.jobId() == null || !JOB_ID.matcher(callback.jobId()).matches()) {
      throw ProblemException.badRequest("callback without a jobId of 1 to 200 visible characters");
    }
    CallbackService.Receipt receipt =
        callbacks.record(
            new CallbackService.Delivery(
                attemptId,
                token,
                runner,
                kind,
                callback,
                status,
                new String(raw, StandardCharsets.UTF_8)));
    boolean changedNothing = receipt.duplicate() || receipt.ignored() != null;
    return Response.status(changedNothing ? 200 : 202).entity(receipt).build();
  }
}
