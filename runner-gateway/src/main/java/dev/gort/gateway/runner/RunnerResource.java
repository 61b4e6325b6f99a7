package dev.gort.gateway.runner;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Which runner codes are registered and what each can run. */
@Path("/api/v1/runners")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

  public record RunnerView(String code, List<String> kinds) {}

  @Inject RunnerRegistry registry;

  @GET
  public Map<String, List<RunnerView>> list() {
    return Map.of(
        "value",
        registry.all().values().stream()
            .map(r -> new RunnerView(r.code(), List.copyOf(new TreeSet<>(r.kinds()))))
            .toList());
  }
}
