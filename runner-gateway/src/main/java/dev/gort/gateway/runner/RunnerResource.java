package dev.gort.gateway.runner;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

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
}
