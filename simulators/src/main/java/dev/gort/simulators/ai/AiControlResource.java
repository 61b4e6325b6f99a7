package dev.gort.simulators.ai;

import dev.gort.common.operation.Page;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
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
import java.util.Set;

/**
 * The simulated model's control API: how each decision is answered ({@code PUT /sim/ai/behaviour}
 * {@code {"decision": "<name>|*", "mode": "good|garbage|out-of-range|timeout|refuse|error",
 * "status": 429|500|502|503}}, status only with mode error, 500 by default; {@code GET} shows it,
 * {@code DELETE} makes every decision good again) and the requests it received ({@code GET
 * /sim/ai/requests}, filter {@code decision}, paged like every /sim list; {@code DELETE} clears).
 */
@Path("/sim/ai")
@Produces(MediaType.APPLICATION_JSON)
public class AiControlResource {

  /** The error statuses mode error answers. */
  static final Set<Integer> ERROR_STATUSES = Set.of(429, 500, 502, 503);

  @Inject ModelBehaviour behaviour;
  @Inject JsonBodies bodies;

  /** Body of {@code PUT /sim/ai/behaviour}. */
  public record BehaviourChange(String decision, String mode, Integer status) {}

  @PUT
  @Path("/behaviour")
  public Map<String, Object> change(byte[] body) {
    BehaviourChange change = bodies.read(body, BehaviourChange.class);
    if (change.decision() == null || change.mode() == null) {
      throw ProblemException.badRequest("decision and mode are required");
    }
    Decision decision = null;
    if (!change.decision().equals("*")) {
      decision =
          Decision.named(change.decision())
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "decision "
                              + Untrusted.quote(change.decision())
                              + " is not one of *, "
                              + Decision.names()));
    }
    AnswerMode mode =
        AnswerMode.named(change.mode())
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "mode "
                            + Untrusted.quote(change.mode())
                            + " is not one of "
                            + AnswerMode.names()));
    int status = change.status() == null ? 500 : change.status();
    if (change.status() != null && mode != AnswerMode.ERROR) {
      throw ProblemException.badRequest("status goes only with mode error");
    }
    if (!ERROR_STATUSES.contains(status)) {
      throw ProblemException.badRequest("status must be one of 429, 500, 502, 503");
    }
    behaviour.set(decision, new ModelBehaviour.Setting(mode, status));
    return behaviour.describe();
  }

  @GET
  @Path("/behaviour")
  public Map<String, Object> behaviour() {
    return behaviour.describe();
  }

  @DELETE
  @Path("/behaviour")
  public Map<String, Object> reset() {
    behaviour.reset();
    return behaviour.describe();
  }

  @GET
  @Path("/requests")
  public Page<ReceivedRequest> requests(@Context UriInfo uri) {
    return InMemoryPages.page(
        uri,
        List.of("decision"),
        f ->
            behaviour.requests(
                f.get("decision") == null || f.get("decision").isBlank()
                    ? null
                    : f.get("decision")));
  }

  @DELETE
  @Path("/requests")
  public void clear() {
    behaviour.clear();
  }
}
