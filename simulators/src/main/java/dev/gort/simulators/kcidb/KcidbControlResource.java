package dev.gort.simulators.kcidb;

import dev.gort.common.operation.Page;
import dev.gort.common.web.ProblemException;
import dev.gort.simulators.web.InMemoryPages;
import dev.gort.simulators.web.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * The simulated KCIDB's control API: the submissions it accepted (filtered by {@code origin} and
 * checkout {@code tree}, paged like every /sim list), clearing them, and failures of the next
 * submissions, for tests of retries.
 */
@Path("/sim/kcidb")
@Produces(MediaType.APPLICATION_JSON)
public class KcidbControlResource {

  /** The most submissions one {@code fail-next} fails. */
  static final int MAX_FAILING = 1_000;

  @Inject KcidbSink sink;
  @Inject JsonBodies bodies;

  @GET
  @Path("/submissions")
  public Page<KcidbSubmission> submissions(@Context UriInfo uri) {
    return InMemoryPages.page(
        uri,
        List.of("origin", "tree"),
        f -> sink.submissions(blankAsNull(f.get("origin")), blankAsNull(f.get("tree"))));
  }

  @DELETE
  @Path("/submissions")
  public void clear() {
    sink.clear();
  }

  /** Body of {@code PUT /sim/kcidb/fail-next}: how many submissions (default 1), what status. */
  public record FailNext(Integer count, Integer status) {}

  /** The next {@code count} submissions answer {@code status} (default 503); count 0 ends it. */
  @PUT
  @Path("/fail-next")
  public Map<String, Integer> failNext(byte[] body) {
    FailNext request = bodies.read(body, FailNext.class);
    int count = request.count() == null ? 1 : request.count();
    int status = request.status() == null ? 503 : request.status();
    if (count < 0 || count > MAX_FAILING) {
      throw ProblemException.badRequest("count must be 0 to " + MAX_FAILING);
    }
    if (status < 400 || status > 599) {
      throw ProblemException.badRequest("status must be an error status, 400 to 599");
    }
    sink.failNext(count, status);
    return Map.of("failing", sink.failing(), "status", status);
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
