package dev.gort.gateway.runner.sim;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The simulators' generic runner; base URL {@code quarkus.rest-client.sim-runner.url}. */
@RegisterRestClient(configKey = "sim-runner")
@Path("/runners/sim/jobs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SimRunnerApi {

  record Job(
      String runId,
      int attempt,
      String experiment,
      String revision,
      String kind,
      String callbackUrl) {}

  record Accepted(String jobId) {}

  /** A status poll's answer: {@code running}, or the status the job's callback reported. */
  record JobStatus(String jobId, String status) {}

  @POST
  Accepted submit(Job job);

  @GET
  @Path("/{jobId}")
  JobStatus status(@PathParam("jobId") String jobId);

  @POST
  @Path("/{jobId}/cancel")
  void cancel(@PathParam("jobId") String jobId);
}
