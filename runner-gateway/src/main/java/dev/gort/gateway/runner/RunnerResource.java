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
import java.util.TreeSet;

/** Which runner codes are registered and what each can run, in code order, paged. */
@Path("/api/v1/runners")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

  static final String PATH = "/api/v1/runners";

  public record RunnerView(String code, List<String> kinds) {}

  @Inject RunnerRegistry registry;

  @GET
  public Page<RunnerView> list(@Context UriInfo uri) {
    PageRequest paging = PageRequest.of(uri.getQueryParameters());
    List<RunnerView> fetched =
        registry.all().values().stream()
            .sorted(java.util.Comparator.comparing(RunnerClient::code))
            .skip(paging.skip())
            .limit(paging.limit())
            .map(r -> new RunnerView(r.code(), List.copyOf(new TreeSet<>(r.kinds()))))
            .toList();
    return paging.page(fetched, PATH);
  }
}
