package dev.gort.simulators.git;

import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
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
 * The simulated Git server's control API: {@code GET /sim/git} lists the served repositories with
 * their clone URLs (on the address the caller used), head commits and faults; {@code PUT
 * /sim/git/faults} {@code {"repository": "<name>", "fault": "fail-once|fail|slow|none"}} sets or
 * clears one repository's fault; {@code DELETE /sim/git/faults} clears them all.
 */
@Path("/sim/git")
@Produces(MediaType.APPLICATION_JSON)
public class GitControlResource {

  @Inject SampleRepositories repositories;
  @Inject JsonBodies bodies;

  /** One served repository as listed. */
  public record Listed(
      String name,
      String cloneUrl,
      String description,
      String defaultBranch,
      String head,
      String fault) {}

  /** Body of {@code PUT /sim/git/faults}. */
  public record FaultChange(String repository, String fault) {}

  @GET
  public List<Listed> list(@Context UriInfo uri) {
    String base = uri.getBaseUri().toString();
    String root = base.endsWith("/") ? base : base + "/";
    Map<String, String> faults = repositories.faults();
    return repositories.all().stream()
        .map(
            r ->
                new Listed(
                    r.name(),
                    root + "git/" + r.name() + ".git",
                    r.description(),
                    "main",
                    r.head(),
                    faults.get(r.name())))
        .toList();
  }

  @PUT
  @Path("/faults")
  public Map<String, String> fault(byte[] body) {
    FaultChange change = bodies.read(body, FaultChange.class);
    if (change.repository() == null || change.fault() == null) {
      throw ProblemException.badRequest("repository and fault are required");
    }
    ServedRepository repository =
        repositories
            .named(change.repository())
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "repository " + Untrusted.quote(change.repository()) + " is not served"));
    GitFault fault = null;
    if (!change.fault().equals("none")) {
      fault =
          GitFault.named(change.fault())
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "fault "
                              + Untrusted.quote(change.fault())
                              + " is not one of "
                              + GitFault.names()
                              + ", none"));
    }
    repositories.fault(repository.name(), fault);
    return repositories.faults();
  }

  @DELETE
  @Path("/faults")
  public Map<String, String> clear() {
    repositories.clearFaults();
    return repositories.faults();
  }
}
