package dev.gort.simulators.github;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of GitHub's REST API Gort's {@code github-actions} runner calls, rooted at {@code
 * /github} as GitHub Enterprise roots it at {@code /api/v3} (docs.github.com, REST "Actions"
 * workflows, workflow runs and artifacts). Errors are GitHub's {@code {"message", …}} JSON.
 */
@Path("/github")
public class GitHubApiResource {

  static final String VERSION_HEADER = "X-GitHub-Api-Version";
  static final Set<String> VERSIONS = Set.of("2022-11-28", "2026-03-10");

  @Inject GitHubSimulator github;

  @POST
  @Path("/repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches")
  public Response dispatch(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("workflow") String workflow,
      byte[] body) {
    Map<String, String> headers = admit(authorization, version);
    GitHubSimulator.Dispatched dispatched = github.dispatch(owner, repo, workflow, body);
    return dispatched.details() == null
        ? answer(Response.noContent(), headers)
        : answer(Response.ok(dispatched.details(), MediaType.APPLICATION_JSON_TYPE), headers);
  }

  @GET
  @Path("/repos/{owner}/{repo}/actions/workflows/{workflow}/runs")
  public Response runs(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("workflow") String workflow,
      @QueryParam("event") String event,
      @QueryParam("status") String status,
      @QueryParam("branch") String branch,
      @QueryParam("created") String created,
      @QueryParam("per_page") String perPage,
      @QueryParam("page") String page,
      @Context UriInfo uri) {
    Map<String, String> headers = admit(authorization, version);
    GitHubSimulator.RunsPage runs =
        github.runs(
            owner,
            repo,
            workflow,
            event,
            status,
            branch,
            created,
            number(perPage, 30),
            number(page, 1));
    Response.ResponseBuilder answer = Response.ok(runs.body(), MediaType.APPLICATION_JSON_TYPE);
    String link = link(uri, runs);
    if (link != null) {
      answer.header("Link", link);
    }
    return answer(answer, headers);
  }

  @GET
  @Path("/repos/{owner}/{repo}/actions/runs/{runId}")
  public Response run(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("runId") String runId) {
    Map<String, String> headers = admit(authorization, version);
    return answer(
        Response.ok(github.run(owner, repo, id(runId)), MediaType.APPLICATION_JSON_TYPE), headers);
  }

  @POST
  @Path("/repos/{owner}/{repo}/actions/runs/{runId}/cancel")
  public Response cancel(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("runId") String runId) {
    Map<String, String> headers = admit(authorization, version);
    github.cancel(owner, repo, id(runId));
    return answer(Response.accepted("{}").type(MediaType.APPLICATION_JSON_TYPE), headers);
  }

  @GET
  @Path("/repos/{owner}/{repo}/actions/runs/{runId}/artifacts")
  public Response artifacts(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("runId") String runId,
      @QueryParam("name") String name) {
    Map<String, String> headers = admit(authorization, version);
    return answer(
        Response.ok(
            github.artifacts(owner, repo, id(runId), name), MediaType.APPLICATION_JSON_TYPE),
        headers);
  }

  /** GitHub answers 302 to a short-lived storage URL; so does the simulator, to its blob path. */
  @GET
  @Path("/repos/{owner}/{repo}/actions/artifacts/{artifactId}/zip")
  public Response artifactZip(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(VERSION_HEADER) String version,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @PathParam("artifactId") String artifactId) {
    Map<String, String> headers = admit(authorization, version);
    return answer(
        Response.status(Response.Status.FOUND)
            .location(URI.create(github.artifactBlobUrl(owner, repo, id(artifactId)))),
        headers);
  }

  /** The "storage" an artifact download redirects to: no token, as a pre-signed URL needs none. */
  @GET
  @Path("/_blobs/artifacts/{artifactId: [0-9]{1,18}}.zip")
  public Response blob(@PathParam("artifactId") long artifactId) {
    return Response.ok(github.artifactZip(artifactId), "application/zip").build();
  }

  private Map<String, String> admit(String authorization, String version) {
    Map<String, String> headers = github.admit(authorization);
    if (version != null && !VERSIONS.contains(version)) {
      throw new GitHubApiError(
          400,
          "Unsupported 'X-GitHub-Api-Version' header: '"
              + version.replaceAll("[^0-9A-Za-z-]", "?")
              + "'. The supported versions are: "
              + String.join(", ", VERSIONS.stream().sorted().toList()),
          headers,
          GitHubApiError.DOCS);
    }
    return headers;
  }

  private static Response answer(Response.ResponseBuilder answer, Map<String, String> headers) {
    headers.forEach(answer::header);
    answer.header("x-github-api-version-selected", "2022-11-28");
    return answer.build();
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw GitHubApiError.notFound();
    }
  }

  private static int number(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** GitHub's {@code Link} header: the next and last pages (and first and prev past page 1). */
  private static String link(UriInfo uri, GitHubSimulator.RunsPage runs) {
    int last = Math.max(1, (runs.total() + runs.perPage() - 1) / runs.perPage());
    List<String> links = new ArrayList<>();
    if (runs.page() < last) {
      links.add(page(uri, runs.page() + 1, "next"));
      links.add(page(uri, last, "last"));
    }
    if (runs.page() > 1) {
      links.add(page(uri, Math.min(runs.page() - 1, last), "prev"));
      links.add(page(uri, 1, "first"));
    }
    return links.isEmpty() ? null : String.join(", ", links);
  }

  private static String page(UriInfo uri, int page, String rel) {
    return "<"
        + uri.getRequestUriBuilder().replaceQueryParam("page", page).build()
        + ">; rel=\""
        + rel
        + "\"";
  }
}
