package dev.gort.simulators.ai;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * An OpenAI-compatible model: {@code POST /v1/chat/completions} (OpenAI's chat completion format,
 * {@code response_format} JSON schema honoured) and {@code GET /v1/models}, with {@code
 * Authorization: Bearer <gort.sim.ai.api-key>} (else 401 with OpenAI's error body). How each
 * decision is answered is set through {@code /sim/ai} ({@link AiControlResource}). A slow answer
 * (mode timeout) waits on a timer, not on a thread: the event loop stays free.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChatCompletionsResource {

  private final SimulatedModel model;
  private final byte[] apiKey;

  @Inject
  public ChatCompletionsResource(SimulatedModel model, AiSimConfig config) {
    this.model = model;
    this.apiKey = config.apiKey().getBytes(StandardCharsets.UTF_8);
  }

  @POST
  @Path("/chat/completions")
  public Uni<Response> complete(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
    Optional<OpenAiError> refused = unauthorised(authorization);
    if (refused.isPresent()) {
      return Uni.createFrom().item(refused.get().response());
    }
    SimulatedModel.Outcome outcome = model.answer(body);
    Response response = response(outcome);
    if (outcome.delay().isZero()) {
      return Uni.createFrom().item(response);
    }
    return Uni.createFrom().item(response).onItem().delayIt().by(outcome.delay());
  }

  @GET
  @Path("/models")
  public Response models(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return unauthorised(authorization)
        .map(OpenAiError::response)
        .orElseGet(() -> Response.ok(model.models()).build());
  }

  private static Response response(SimulatedModel.Outcome outcome) {
    Response.ResponseBuilder answer =
        outcome.body() instanceof OpenAiError error
            ? Response.fromResponse(error.response())
            : Response.status(outcome.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(outcome.body());
    return answer.header("x-request-id", "req_" + SimulatedModel.random(32)).build();
  }

  private Optional<OpenAiError> unauthorised(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.of(OpenAiError.noKey());
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(OpenAiError.noKey());
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(apiKey, given)
        ? Optional.empty()
        : Optional.of(OpenAiError.wrongKey());
  }
}
