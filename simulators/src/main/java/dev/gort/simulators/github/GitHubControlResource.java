package dev.gort.simulators.github;

import dev.gort.simulators.runner.RunnerControlResource;
import dev.gort.simulators.web.JsonBodies;
import dev.gort.simulators.web.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Scripts the simulated GitHub beyond the scenario words (which {@code
 * /sim/runners/github-actions/…} sets, like every runner's): per repository how dispatch treats
 * {@code return_run_details}, where its webhook points, whether foreign runs interleave with
 * Gort's; a ping; a foreign run now; a rate limit on the next API calls.
 */
@Path("/sim/github")
@Produces(MediaType.APPLICATION_JSON)
public class GitHubControlResource {

  @Inject GitHubSimulator github;
  @Inject JsonBodies bodies;

  @GET
  @Path("/repos/{owner}/{repo}")
  public SimulatedRepository.View repository(
      @PathParam("owner") String owner, @PathParam("repo") String repo) {
    return github.view(owner, repo);
  }

  @PUT
  @Path("/repos/{owner}/{repo}")
  public SimulatedRepository.View configure(
      @PathParam("owner") String owner, @PathParam("repo") String repo, byte[] body) {
    return github.configure(
        owner, repo, bodies.read(body, GitHubSimulator.RepositorySettings.class));
  }

  /** Sends the repository's webhook a {@code ping}; answers with the status the receiver gave. */
  @POST
  @Path("/repos/{owner}/{repo}/ping")
  public CompletionStage<Response> ping(
      @PathParam("owner") String owner, @PathParam("repo") String repo) {
    return github
        .ping(owner, repo)
        .handle(
            (status, error) ->
                error == null
                    ? Response.ok(
                            new RunnerControlResource.Redelivered(status),
                            MediaType.APPLICATION_JSON_TYPE)
                        .build()
                    : Problems.respond(
                        502, "Bad Gateway", "ping failed: " + WebhookSender.describe(error)));
  }

  /** Body of {@code POST …/foreign-runs}: how the foreign run ends and after how long. */
  public record ForeignRun(String conclusion, Long delayMs) {}

  /** Starts a run of the repository's other workflow; answers with it (its id, among others). */
  @POST
  @Path("/repos/{owner}/{repo}/foreign-runs")
  public Response foreignRun(
      @PathParam("owner") String owner, @PathParam("repo") String repo, byte[] body) {
    ForeignRun request =
        body == null || body.length == 0
            ? new ForeignRun(null, null)
            : bodies.read(body, ForeignRun.class);
    return Response.status(Response.Status.CREATED)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(github.foreignRun(owner, repo, request.conclusion(), request.delayMs()))
        .build();
  }

  @POST
  @Path("/rate-limit")
  public Map<String, Integer> rateLimit(byte[] body) {
    github.imposeRateLimit(bodies.read(body, GitHubSimulator.RateLimitRequest.class));
    return Map.of("failing", github.rateLimitedCalls());
  }
}
