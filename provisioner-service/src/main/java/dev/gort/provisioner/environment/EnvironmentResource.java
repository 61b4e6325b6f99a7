package dev.gort.provisioner.environment;

import dev.gort.common.idempotency.IdempotencyKeys;
import dev.gort.common.operation.Page;
import dev.gort.common.operation.Paging;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.cloud.Cloud;
import dev.gort.provisioner.config.ProvisionerConfig;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Environments (issue 12): ask for one with a repository, follow it step by step, read its state
 * file, take its private key once, tear it down. Owner-scoped: another owner's environment is not
 * found.
 */
@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  static final JsonBody.Limits LIMITS = JsonBody.Limits.of(64 * 1024, 17_000);
  static final String CREATE_ENDPOINT = "POST /api/v1/environments";
  private static final String STATE = "state";

  @Inject Callers callers;
  @Inject EnvironmentService environments;
  @Inject EnvironmentQueries queries;
  @Inject EnvironmentViews views;
  @Inject OutboundFetcher outbound;
  @Inject Cloud cloud;
  @Inject ProvisionerConfig config;
  @Inject ProvisioningLoops loops;
  @Inject IdempotencyKeys idempotency;

  /**
   * Asks for an environment. With an {@code Idempotency-Key} the same request sent again (a double
   * click, a retry after a lost answer) gets the first answer and leases nothing more. The body is
   * read and checked first (a bad one never takes the key); the repository URL and the cloud are
   * checked under the key, so a repeat of a request that was accepted gets its answer even if they
   * changed since, and a refusal frees the key.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    Caller caller = callers.current();
    EnvironmentRequest request =
        JsonBody.readRequired(body, contentType, EnvironmentRequest.class, LIMITS);
    Overrides overrides = request.check();
    Response accepted =
        idempotency.once(
            caller.name(),
            CREATE_ENDPOINT,
            idempotencyKey,
            body == null ? new byte[0] : body,
            () -> {
              checkCanBeMade(request);
              return null;
            },
            nothing -> accepted(caller, request, overrides));
    loops.wake();
    return accepted;
  }

  private void checkCanBeMade(EnvironmentRequest request) {
    Optional<String> refused = outbound.refusal(request.repositoryUrl(), true);
    if (refused.isPresent()) {
      throw ProblemException.unprocessable(
          "the repository URL cannot be cloned: " + refused.get(),
          Map.of("field", "repositoryUrl"));
    }
    if (!cloud.configured()) {
      throw new ProblemException(
          503,
          "Service Unavailable",
          "no cloud is configured (gort.provisioner.cloud.auth-url): environments cannot be made");
    }
  }

  /** The 202; its links at the provisioner's public URL, so a replay is right whoever asks. */
  private Response accepted(Caller caller, EnvironmentRequest request, Overrides overrides) {
    EnvironmentService.Created created =
        environments.create(null, caller.name(), caller.name(), request.repositoryUrl(), overrides);
    Environment env = created.environment();
    return Response.accepted(viewOf(env.id))
        .header("Operation-Location", config.publicUrl() + "/api/v1/operations/" + env.operationId)
        .location(URI.create(config.publicUrl() + "/api/v1/environments/" + env.id))
        .build();
  }

  @Transactional
  EnvironmentView viewOf(String id) {
    return views.of(Environment.findById(id));
  }

  /** The caller's environments (all for an operator), newest first, paged, by {@code state}. */
  @GET
  @Transactional
  public Page<EnvironmentView> list(@Context UriInfo uri) {
    Caller caller = callers.current();
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    try {
      Paging.checkParameters(query, java.util.Set.of(Paging.TOP, Paging.SKIP), List.of(STATE));
    } catch (dev.gort.common.operation.QueryOptionException e) {
      throw e.toProblem();
    }
    List<EnvironmentState> states = states(query.getFirst(STATE));
    int top;
    int skip;
    try {
      top = Paging.top(query.getFirst(Paging.TOP));
      skip = Paging.skip(query.getFirst(Paging.SKIP));
    } catch (dev.gort.common.operation.QueryOptionException e) {
      throw e.toProblem();
    }
    List<Environment> fetched =
        queries.list(caller.ownerScope().orElse(null), states, skip, top + 1);
    return Page.of(
        fetched.stream().map(views::of).toList(),
        top,
        () -> {
          Map<String, Object> next = new LinkedHashMap<>();
          next.put(STATE, query.getFirst(STATE));
          next.put(Paging.TOP, top);
          next.put(Paging.SKIP, (long) skip + top);
          return Paging.link(uri.getRequestUri().getRawPath(), next);
        });
  }

  private static List<EnvironmentState> states(String raw) {
    if (raw == null) {
      return List.of();
    }
    try {
      return Arrays.stream(raw.split(","))
          .map(String::trim)
          .map(s -> EnvironmentState.valueOf(s.toUpperCase(java.util.Locale.ROOT)))
          .toList();
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "state must be a comma-separated list of "
              + Arrays.toString(EnvironmentState.values())
              + ", not "
              + Untrusted.quote(raw));
    }
  }

  @GET
  @Path("/{id}")
  @Transactional
  public EnvironmentView get(@PathParam("id") String id) {
    return views.of(find(id));
  }

  /** seed 004 step 9: the {@code {server_name}_info.json} of the environment. */
  @GET
  @Path("/{id}/state.json")
  @Transactional
  public Response stateFile(@PathParam("id") String id) {
    Environment env = find(id);
    String name = env.serverName == null ? env.id : env.serverName;
    return Response.ok(views.stateFile(env))
        .header("Content-Disposition", "attachment; filename=\"" + name + "_info.json\"")
        .build();
  }

  /** The private key Gort created, once; then 410. */
  @GET
  @Path("/{id}/private-key")
  @Produces("application/x-pem-file")
  public Response privateKey(@PathParam("id") String id) {
    Environment env = findOutside(id);
    String key = environments.takePrivateKey(env);
    return Response.ok(key, "application/x-pem-file")
        .header("Cache-Control", "no-store")
        .header("Content-Disposition", "attachment; filename=\"" + env.keyName + ".pem\"")
        .build();
  }

  /** Tears the environment down (or stops its provisioning): 202, idempotent. */
  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") String id) {
    Environment env = findOutside(id);
    environments.cancel(env.id, callers.current().name());
    loops.wake();
    return Response.accepted(viewOf(env.id))
        .header("Operation-Location", config.publicUrl() + "/api/v1/operations/" + env.operationId)
        .build();
  }

  @Transactional
  Environment findOutside(String id) {
    return find(id);
  }

  private Environment find(String id) {
    Environment env = id.length() > 64 ? null : Environment.findById(id);
    if (env == null || !callers.current().mayActFor(env.owner)) {
      throw ProblemException.notFound("no environment " + Untrusted.quote(id));
    }
    return env;
  }
}
