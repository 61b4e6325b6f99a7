package dev.gort.simulators.tuxsuite;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The part of TuxSuite's API Gort's {@code tuxsuite} runner calls, rooted at {@code /tuxsuite} as
 * TuxSuite's is at {@code https://tuxapi.tuxsuite.com}: tests and builds of a group's project,
 * their status, cancel and list, and the project's callback key (public, as TuxSuite serves it).
 * Every other call needs {@code Authorization: <token>}. Errors are {@code {"error": "…"}}.
 */
@Path("/tuxsuite")
public class TuxSuiteApiResource {

  static final String PROJECT = "/v1/groups/{group}/projects/{project}";

  @Inject TuxSuiteSimulator tux;

  @GET
  @Path(PROJECT + "/keys")
  public Response keys(@PathParam("group") String group, @PathParam("project") String project) {
    return json(200, tux.keys());
  }

  @POST
  @Path(PROJECT + "/tests")
  public Response submitTest(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("group") String group,
      @PathParam("project") String project,
      byte[] body) {
    admit(authorization);
    return json(201, tux.submitTest(group, project, body));
  }

  @POST
  @Path(PROJECT + "/builds")
  public Response submitBuilds(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("group") String group,
      @PathParam("project") String project,
      byte[] body) {
    admit(authorization);
    return json(201, tux.submitBuilds(group, project, body));
  }

  @GET
  @Path(PROJECT + "/{kind: tests|builds}")
  public Response list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("group") String group,
      @PathParam("project") String project,
      @PathParam("kind") String kind,
      @QueryParam("limit") String limit) {
    admit(authorization);
    int n = limit != null && limit.matches("[1-9][0-9]{0,2}") ? Integer.parseInt(limit) : 50;
    return json(200, tux.list(group, project, kind(kind), n));
  }

  @GET
  @Path(PROJECT + "/{kind: tests|builds}/{uid}")
  public Response job(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("group") String group,
      @PathParam("project") String project,
      @PathParam("kind") String kind,
      @PathParam("uid") String uid) {
    admit(authorization);
    return json(200, tux.job(group, project, kind(kind), uid));
  }

  @POST
  @Path(PROJECT + "/{kind: tests|builds}/{uid}/cancel")
  public Response cancel(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("group") String group,
      @PathParam("project") String project,
      @PathParam("kind") String kind,
      @PathParam("uid") String uid) {
    admit(authorization);
    return json(200, tux.cancel(group, project, kind(kind), uid));
  }

  /** A job's {@code download_url}: the simulators' results document (public, like TuxSuite's). */
  @GET
  @Path("/storage/{group}/{project}/{kind: tests|builds}/{uid}")
  public Response results(@PathParam("uid") String uid) {
    return Response.ok(tux.results(uid), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private void admit(String authorization) {
    if (!tux.admits(authorization)) {
      throw new TuxSuiteError(401, "invalid or missing token");
    }
  }

  private static TuxJob.Kind kind(String path) {
    return "builds".equals(path) ? TuxJob.Kind.BUILD : TuxJob.Kind.TEST;
  }

  private static Response json(int status, Object entity) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build();
  }

  /** {@link TuxSuiteError} as TuxSuite answers errors. */
  @Provider
  public static class ErrorMapper implements ExceptionMapper<TuxSuiteError> {
    @Override
    public Response toResponse(TuxSuiteError e) {
      return json(e.status(), Map.of("error", e.getMessage()));
    }
  }
}
