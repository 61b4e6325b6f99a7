package dev.gort.scheduler.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.security.Caller;
import dev.gort.common.security.Callers;
import dev.gort.common.web.JsonBody;
import dev.gort.scheduler.pipeline.PipelineChecks;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * How an experiment is tested (issue 10): {@code PUT}, {@code GET} and {@code DELETE
 * /api/v1/experiments/{slug}/test-config}, by the experiment's owner or an operator; anyone else
 * gets the 404 an unknown experiment gets. At {@code /api/v1} for the reason {@link
 * ExperimentResource} gives.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TestConfigResource {

  /**
   * The body of a {@code PUT}: each field optional (the default runner, {@code test}, none, no
   * pipeline). {@code pipeline} is a pipeline file as a JSON object (or its YAML as a string), as
   * {@code POST /api/v1/pipeline-runs} takes it: a test run of the experiment is then a pipeline
   * run.
   */
  public record TestConfigRequest(
      String runner, String kind, Map<String, Object> settings, JsonNode pipeline) {}

  /**
   * The settings a small JSON object (a value may be a longer string: inputs), and a pipeline file
   * of at most 256 KiB, as a pipeline-run request takes it.
   */
  static final JsonBody.Limits LIMITS =
      JsonBody.Limits.of(TestConfigs.MAX_SETTINGS_BYTES + 320 * 1024, 256 * 1024);

  @Inject TestConfigs configs;
  @Inject ExperimentAccess experiments;
  @Inject Callers callers;
  @Inject PipelineChecks pipelines;

  /**
   * The stored configuration (with its {@code ETag}), or the defaults with {@code stored: false}.
   */
  @GET
  @Path("/experiments/{slug}/test-config")
  public Response get(@PathParam("slug") String slug) {
    Caller caller = callers.current();
    ExperimentAccess.checkSlug(slug);
    experiments.forCaller(caller, slug);
    return withEtag(Response.ok(), configs.get(slug));
  }

  /**
   * Checks the configuration with its runner through the gateway (with the caller's token), then
   * stores the settings as the runner checked them; 400 naming what is wrong, 503 when the gateway
   * cannot be asked (nothing stored), 412 when {@code If-Match} names another version.
   */
  @PUT
  @Path("/experiments/{slug}/test-config")
  @Consumes(MediaType.WILDCARD)
  public Response put(
      @PathParam("slug") String slug,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    Caller caller = callers.current();
    ExperimentAccess.checkSlug(slug);
    TestConfigRequest request =
        JsonBody.readRequired(body, contentType, TestConfigRequest.class, LIMITS);
    experiments.forCaller(caller, slug);
    PipelineSpec pipeline =
        request.pipeline() == null || request.pipeline().isNull()
            ? null
            : pipelines.validate(request.pipeline(), authorization);
    TestConfigView stored =
        configs.put(
            slug,
            request.runner(),
            request.kind(),
            request.settings(),
            pipeline,
            caller.name(),
            authorization,
            ifMatch);
    return withEtag(Response.ok(), stored);
  }

  /** Back to the defaults: 204, whether one was stored or not. */
  @DELETE
  @Path("/experiments/{slug}/test-config")
  public Response delete(
      @PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    Caller caller = callers.current();
    ExperimentAccess.checkSlug(slug);
    experiments.forCaller(caller, slug);
    configs.delete(slug, caller.name(), ifMatch);
    return Response.noContent().build();
  }

  private static Response withEtag(Response.ResponseBuilder answer, TestConfigView view) {
    if (view.etag() != null) {
      answer.header(HttpHeaders.ETAG, view.etag());
    }
    return answer.entity(view).build();
  }
}
