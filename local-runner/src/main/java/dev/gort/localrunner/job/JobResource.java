package dev.gort.localrunner.job;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.web.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The agent's API, as the gateway calls it (bearer token, {@link
 * dev.gort.localrunner.access.GatewayAccess}): submit, status, cancel, list.
 */
@Path("/api/v1/jobs")
public class JobResource {

  /** A job is a short document: its commands and environment. */
  static final JsonBody.Limits LIMITS = JsonBody.Limits.of(256 * 1024, JobSpec.MAX_ENV_VALUE);

  private static final Set<String> STATUSES = Set.of(Job.RUNNING, Job.FINISHED);

  @Inject JobService jobs;

  /**
   * 201 with the new job; 200 with the same job for an attempt id submitted before (no second job);
   * 400 for an invalid job; 429 when as many jobs run as the agent takes.
   */
  @POST
  public Response submit(@Context HttpHeaders headers, byte[] body) {
    JobRequest request =
        JsonBody.readRequired(
            body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), JobRequest.class, LIMITS);
    JobService.Submitted submitted = jobs.submit(request);
    JobView view = view(submitted.job());
    return (submitted.created()
            ? Response.created(URI.create("/api/v1/jobs/" + view.jobId()))
            : Response.ok())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(view)
        .build();
  }

  @GET
  @Path("/{id}")
  public Response status(@PathParam("id") String id) {
    return Response.ok(view(jobs.find(id)), MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** 202 when the job was running (its tree is being ended); 200 when it had ended already. */
  @POST
  @Path("/{id}/cancel")
  public Response cancel(@PathParam("id") String id) {
    boolean wasRunning = jobs.cancel(id);
    return Response.status(wasRunning ? 202 : 200)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(view(jobs.find(id)))
        .build();
  }

  /**
   * Latest first, paged ({@code $top}, {@code $skip}, {@code nextLink}); {@code status} filters.
   */
  @GET
  public Page<JobView> list(@Context UriInfo uri) {
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), List.of("status"));
    String status = paging.filters().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidJobException("status must be running or finished");
    }
    List<Job> all = jobs.list(status);
    int from = Math.min(paging.skip(), all.size());
    int to = (int) Math.min((long) from + paging.limit(), all.size());
    return paging.page(
        all.subList(from, to).stream().map(this::view).toList(), uri.getRequestUri().getRawPath());
  }

  JobView view(Job job) {
    boolean ended = job.outcome().isPresent();
    return new JobView(
        job.id(),
        job.spec().attemptId(),
        job.spec().runId(),
        job.spec().attempt(),
        job.spec().experiment(),
        job.spec().kind(),
        job.status(),
        job.outcome().map(Outcome::word).orElse(null),
        job.detail(),
        job.exitCode(),
        ended ? jobs.resultsUrl(job) : null,
        jobs.logUrl(job),
        job.callbackStatus(),
        job.created(),
        job.ended());
  }
}
