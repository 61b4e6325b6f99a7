package dev.gort.gateway.runner;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which runners this gateway has, what each can do, and whether it is configured, paged. */
@Path("/api/v1/runners")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

  static final String PATH = "/api/v1/runners";

  /**
   * One runner: its code, its kinds in order, and whether it takes runs here ({@code
   * unconfiguredReason} says why not).
   */
  public record RunnerView(
      String code, List<String> kinds, boolean configured, String unconfiguredReason) {

    static RunnerView of(Runner r) {
      String reason = r.unconfiguredReason().orElse(null);
      return new RunnerView(
          r.code(),
          r.kinds().stream().sorted().map(RunKind::word).toList(),
          reason == null,
          reason);
    }
  }

  /** Body of {@code POST /api/v1/runners/{code}/settings-check}. */
  public record SettingsCheck(String kind, Map<String, Object> settings) {}

  /** The settings a run of {@code kind} on {@code runner} is dispatched with. */
  public record CheckedSettings(String runner, String kind, Map<String, Object> settings) {}

  /** Settings are a small JSON object; a test configuration is not a place for documents. */
  static final JsonBody.Limits CHECK_LIMITS = JsonBody.Limits.of(64 * 1024, 4096);

  @Inject RunnerRegistry registry;

  @GET
  public Page<RunnerView> list(@Context UriInfo uri) {
    PageRequest paging = PageRequest.of(uri.getQueryParameters());
    List<RunnerView> fetched =
        registry.all().stream()
            .skip(paging.skip())
            .limit(paging.limit())
            .map(RunnerView::of)
            .toList();
    return paging.page(fetched, PATH);
  }

  /**
   * Checks runner settings for a kind of job, as the scheduler does before it stores an
   * experiment's test configuration or requests a run: 200 with the effective settings (the
   * runner's defaults with these over them); 400 naming what is wrong (a kind the runner lacks, a
   * setting, a runner not configured here); 404 for an unknown runner, naming the runners.
   */
  @POST
  @Path("/{code}/settings-check")
  @Consumes(MediaType.WILDCARD)
  public CheckedSettings check(
      @PathParam("code") String code,
      @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    Runner runner =
        registry
            .find(code)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no runner "
                            + Untrusted.quote(code)
                            + "; runners: "
                            + String.join(
                                ", ", registry.all().stream().map(Runner::code).toList())));
    SettingsCheck request =
        JsonBody.readRequired(body, contentType, SettingsCheck.class, CHECK_LIMITS);
    RunKind kind = kindOf(runner, request.kind());
    Optional<String> unconfigured = runner.unconfiguredReason();
    if (unconfigured.isPresent()) {
      throw ProblemException.badRequest(
          "runner " + code + " is not configured here: " + unconfigured.get());
    }
    Map<String, Object> requested = request.settings() == null ? Map.of() : request.settings();
    try {
      return new CheckedSettings(code, kind.word(), runner.checkSettings(kind, requested));
    } catch (InvalidSettingsException e) {
      throw ProblemException.badRequest(
          "settings for runner " + code + " (" + kind.word() + "): " + e.getMessage());
    }
  }

  private static RunKind kindOf(Runner runner, String word) {
    String kinds = String.join(", ", runner.kinds().stream().sorted().map(RunKind::word).toList());
    if (word == null) {
      throw ProblemException.badRequest(
          "kind is required; runner " + runner.code() + " runs: " + kinds);
    }
    Optional<RunKind> kind = RunKind.fromWord(word);
    if (kind.isEmpty() || !runner.kinds().contains(kind.get())) {
      throw ProblemException.badRequest(
          "runner "
              + runner.code()
              + " cannot run a "
              + Untrusted.quote(word)
              + "; it runs: "
              + kinds);
    }
    return kind.get();
  }
}
