package dev.gort.gateway.callback;

import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerRegistry;
import dev.gort.gateway.runner.RunnerReport;
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

/**
 * Where runners report; no bearer token here, the runner's own signature instead. Order of checks:
 * the runner and kind exist (404), a per-job URL names its attempt and token (400), the runner
 * verifies its signature over the exact body before anything is parsed (401) and parses it (400),
 * the attempt exists and the token is its own (404), and everything the report says about itself
 * matches the attempt (409). Any failure changes nothing.
 */
@Path("/api/v1/callbacks/{runner}")
public class CallbackResource {

  @Inject RunnerRegistry runners;
  @Inject CallbackService callbacks;
  @Inject CallbackWriter writer;

  /** A per-job callback URL: {@code /api/v1/callbacks/{runner}/{kind}?attempt=…&token=…}. */
  @POST
  @Path("/{kind}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(
      @PathParam("runner") String code,
      @PathParam("kind") String kindWord,
      @QueryParam("attempt") String attemptId,
      @QueryParam("token") String token,
      @Context HttpHeaders headers,
      byte[] body) {
    Runner runner = runners.find(code).orElse(null);
    RunKind kind = RunKind.fromWord(kindWord).orElse(null);
    if (runner == null
        || runner.callbackStyle() != CallbackStyle.PER_JOB
        || kind == null
        || !runner.kinds().contains(kind)) {
      throw ProblemException.notFound(
          "no callback endpoint for runner "
              + Untrusted.quote(code)
              + " "
              + Untrusted.quote(kindWord));
    }
    if (attemptId == null || attemptId.isBlank() || token == null || token.isBlank()) {
      throw ProblemException.badRequest("callback URL without its attempt and token parameters");
    }
    byte[] raw = body == null ? new byte[0] : body;
    RunnerReport report =
        verified(runner, new CallbackRequest(headers.getRequestHeaders(), raw, attemptId, token));
    if (report.isIgnored()) {
      return ignored(report);
    }
    CallbackService.Delivery delivery =
        new CallbackService.Delivery(
            attemptId, token, code, kind.word(), report, new String(raw, StandardCharsets.UTF_8));
    CallbackService.Receipt receipt = writer.write(() -> callbacks.record(delivery));
    return answer(receipt);
  }

  /**
   * A runner's one callback URL, {@code /api/v1/callbacks/{runner}}, for runners that report every
   * job there (GitHub webhooks): the report names its job. A correctly signed report about a job
   * Gort did not start is answered 202 "ignored", never an error: such a runner sends everything.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receiveForRunner(
      @PathParam("runner") String code, @Context HttpHeaders headers, byte[] body) {
    Runner runner = runners.find(code).orElse(null);
    if (runner == null || runner.callbackStyle() != CallbackStyle.PER_RUNNER) {
      throw ProblemException.notFound("no callback endpoint for runner " + Untrusted.quote(code));
    }
    byte[] raw = body == null ? new byte[0] : body;
    RunnerReport report =
        verified(runner, new CallbackRequest(headers.getRequestHeaders(), raw, null, null));
    if (report.isIgnored()) {
      return ignored(report);
    }
    String text = new String(raw, StandardCharsets.UTF_8);
    CallbackService.Receipt receipt =
        writer.write(() -> callbacks.recordForRunner(code, report, text));
    if (receipt.attemptId() == null && !receipt.duplicate()) {
      return Response.accepted(receipt).build();
    }
    return answer(receipt);
  }

  /** The runner's verified report; one that is not ignored must name its job. */
  private static RunnerReport verified(Runner runner, CallbackRequest request) {
    RunnerReport report = runner.verify(request);
    if (!report.isIgnored() && report.jobId() == null) {
      throw ProblemException.badRequest("a report without the runner's job id");
    }
    return report;
  }

  private static Response ignored(RunnerReport report) {
    return Response.accepted(CallbackService.Receipt.ignored(report.ignored())).build();
  }

  private static Response answer(CallbackService.Receipt receipt) {
    return Response.status(receipt.changedNothing() ? 200 : 202).entity(receipt).build();
  }
}
